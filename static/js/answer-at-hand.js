/* The enquiry form, enhanced: once a topic is chosen, show what the intranet has on it
   (knowledge articles, legal updates, services nearby) without reloading the page, and
   offer only the questions of that topic. Without JavaScript the form still works: a
   button reloads it with the answer at hand, and every question is listed.
   No framework and nothing inline, so a strict Content-Security-Policy can apply. */
(function () {
  "use strict";
  var form = document.querySelector("[data-enquiry-form]");
  if (!form || !window.fetch) {
    return;
  }
  var region = document.getElementById("answer-at-hand");
  var url = form.getAttribute("data-answer-url");
  var subtopic = form.querySelector("[data-subtopic]");
  var showButton = form.querySelector("[data-show-resources]");
  var allOptions = subtopic ? Array.prototype.slice.call(subtopic.querySelectorAll("option[data-topic]")) : [];
  var pending = null;

  if (showButton) {
    showButton.parentNode.hidden = true;
  }

  function chosenTopic() {
    var radio = form.querySelector("input[name=topic]:checked");
    return radio ? radio.value : "";
  }

  function office() {
    var field = form.querySelector("[name=office]");
    return field ? field.value : "";
  }

  function offerQuestionsOf(topic) {
    if (!subtopic) {
      return;
    }
    var current = subtopic.value;
    var empty = subtopic.querySelector("option:not([data-topic])");
    while (subtopic.firstChild) {
      subtopic.removeChild(subtopic.firstChild);
    }
    if (empty) {
      subtopic.appendChild(empty);
    }
    allOptions.forEach(function (option) {
      if (!topic || option.getAttribute("data-topic") === topic) {
        subtopic.appendChild(option);
      }
    });
    subtopic.value = current;
    if (subtopic.value !== current) {
      subtopic.value = "";
    }
  }

  function showResources() {
    var topic = chosenTopic();
    offerQuestionsOf(topic);
    if (!topic || !region) {
      return;
    }
    if (pending) {
      pending.abort();
    }
    pending = window.AbortController ? new AbortController() : null;
    region.setAttribute("aria-busy", "true");
    var query = "?topic=" + encodeURIComponent(topic) + "&office=" + encodeURIComponent(office());
    window.fetch(url + query, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      signal: pending ? pending.signal : undefined
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.text();
    }).then(function (html) {
      region.innerHTML = html;
      region.removeAttribute("aria-busy");
    }).catch(function (error) {
      if (error && error.name === "AbortError") {
        return;
      }
      region.removeAttribute("aria-busy");
      // With no connection at all (field mode) the button could not fetch them either.
      if (showButton && navigator.onLine) {
        showButton.parentNode.hidden = false;
      }
    });
  }

  form.addEventListener("change", function (event) {
    var name = event.target.getAttribute("name");
    if (name === "topic" || name === "office") {
      showResources();
    }
  });
  offerQuestionsOf(chosenTopic());
})();
