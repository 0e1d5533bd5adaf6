/* Field mode, the browser side (intranet.core.field_mode has the server side).
   On every page of a signed-in person: start the service worker and ask it to keep that
   person's offline pages; clear the device on log out (warning first if entries wait).
   On the enquiry and outreach forms ([data-field-form]): with no connection an entry is
   kept on the device (IndexedDB) with an identifier made here, listed under "waiting to
   send", and sent when the connection comes back or with "send now". The server stores
   each identifier once, so sending twice never makes two records.
   Plain JavaScript, nothing inline, no framework. */
(function () {
  "use strict";
  var configNode = document.getElementById("field-mode-config");
  if (!configNode) {
    return;
  }
  var config = JSON.parse(configNode.textContent);
  // Dates as the network writes them: pt-PT, and British English (never month first).
  var locale = config.language === "en" ? "en-GB" : "pt-PT";
  var DB_NAME = "sf-field-mode";
  var STORE = "entries";
  var root = document.documentElement;

  /* --- the queue, in IndexedDB ------------------------------------------------------ */

  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) {
        reject(new Error("no IndexedDB"));
        return;
      }
      var request = window.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "client_id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(result && "result" in result ? result.result : undefined);
        };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function myEntries() {
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (all) {
      return (all || []).filter(function (entry) { return entry.user === config.user; })
        .sort(function (a, b) { return a.saved_at < b.saved_at ? -1 : 1; });
    }, function () { return []; });
  }

  function putEntry(entry) {
    return withStore("readwrite", function (store) { store.put(entry); });
  }

  function deleteEntry(clientId) {
    return withStore("readwrite", function (store) { store.delete(clientId); });
  }

  function forgetDevice() {
    var jobs = [new Promise(function (resolve) {
      if (!window.indexedDB) {
        resolve();
        return;
      }
      var request = window.indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
    })];
    if (window.caches) {
      jobs.push(window.caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) { return key.indexOf("sf-") === 0; })
          .map(function (key) { return window.caches.delete(key); }));
      }));
    }
    return Promise.all(jobs).catch(function () {});
  }

  /* --- the service worker ------------------------------------------------------------ */

  function askWorker(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data); };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(config.worker, { scope: "/" }).then(function () {
      if (!navigator.onLine) {
        return null;
      }
      return askWorker({
        type: "keep",
        user: config.user,
        language: config.language + " " + config.session,
        pages: config.pages
      });
    }).then(function (answer) {
      root.setAttribute("data-field-mode", answer && answer.ok ? "ready" : "offline");
    }).catch(function () {
      root.setAttribute("data-field-mode", "unavailable");
    });
  }

  /* --- log out: warn about waiting entries, then clear the device -------------------- */

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-logout") || form.hasAttribute("data-cleared")) {
      return;
    }
    event.preventDefault();
    myEntries().then(function (entries) {
      if (entries.length && !window.confirm(config.logout_confirm.replace("%(count)s", entries.length))) {
        return;
      }
      forgetDevice().then(function () {
        form.setAttribute("data-cleared", "");
        form.submit();
      });
    });
  });

  /* --- the forms that work offline --------------------------------------------------- */

  var form = document.querySelector("[data-field-form]");
  var panel = document.querySelector("[data-field-queue]");
  if (!panel) {
    return;
  }
  var list = panel.querySelector("[data-queue-list]");
  var count = panel.querySelector("[data-queue-count]");
  var statusLine = document.querySelector("[data-field-status]");
  var sendButton = panel.querySelector("[data-send-now]");
  var texts = JSON.parse(document.getElementById("field-queue-texts").textContent);
  var sending = false;
  var formUrls = JSON.parse(panel.getAttribute("data-form-urls") || "{}");

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function csrfToken() {
    return cookie(texts.csrf_cookie) || panel.getAttribute("data-csrf") || "";
  }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function say(text) {
    if (statusLine) {
      statusLine.textContent = text;
    }
  }

  function showConnection() {
    panel.setAttribute("data-online", navigator.onLine ? "yes" : "no");
    say(navigator.onLine ? "" : texts.offline);
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function render() {
    return myEntries().then(function (entries) {
      count.textContent = String(entries.length);
      panel.hidden = entries.length === 0;
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      entries.forEach(function (entry) {
        var item = element("li", { "class": "queue-entry", "data-testid": "queued-entry", "data-state": entry.state });
        item.appendChild(element("p", { "class": "queue-entry__summary" }, entry.summary));
        item.appendChild(element("p", { "class": "muted" }, texts.kinds[entry.kind] + " · " + texts.saved_at + " " + new Date(entry.saved_at).toLocaleString(locale, { dateStyle: "long", timeStyle: "short" })));
        if (entry.state === "refused") {
          var reasons = element("ul", { "class": "errorlist", "data-testid": "queued-entry-errors" });
          reasons.appendChild(element("li", {}, texts.refused));
          (entry.errors || []).forEach(function (message) { reasons.appendChild(element("li", {}, message)); });
          item.appendChild(reasons);
        }
        var actions = element("p", { "class": "button-row" });
        if (form && form.getAttribute("data-kind") === entry.kind) {
          var fix = element("button", { type: "button", "class": "button button--secondary", "data-testid": "queued-entry-fix" }, texts.fix);
          fix.addEventListener("click", function () { loadIntoForm(entry); });
          actions.appendChild(fix);
        } else if (formUrls[entry.kind]) {
          // Elsewhere (the dashboard): the form opens with the entry in it.
          actions.appendChild(element("a", {
            "class": "button button--secondary",
            href: formUrls[entry.kind] + "#fix=" + entry.client_id,
            "data-testid": "queued-entry-fix"
          }, texts.fix));
        }
        var drop = element("button", { type: "button", "class": "link-button", "data-testid": "queued-entry-delete" }, texts.discard);
        drop.addEventListener("click", function () {
          if (window.confirm(texts.discard_confirm)) {
            deleteEntry(entry.client_id).then(render);
          }
        });
        actions.appendChild(drop);
        item.appendChild(actions);
        list.appendChild(item);
      });
      root.setAttribute("data-queue-size", String(entries.length));
      return entries;
    });
  }

  function send() {
    if (sending || !navigator.onLine) {
      return Promise.resolve();
    }
    return myEntries().then(function (entries) {
      var waiting = entries.filter(function (entry) { return entry.state !== "refused"; });
      if (!waiting.length) {
        return null;
      }
      sending = true;
      say(texts.sending);
      return window.fetch(panel.getAttribute("data-sync-url"), {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), "Accept": "application/json" },
        body: JSON.stringify({
          entries: waiting.map(function (entry) {
            return { client_id: entry.client_id, kind: entry.kind, data: entry.data };
          })
        })
      }).then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 401) {
          throw new Error(texts.log_in_again);
        }
        if (!response.ok) {
          throw new Error(texts.failed);
        }
        return response.json();
      }).then(function (answer) {
        var sent = 0;
        var refused = 0;
        var byId = {};
        waiting.forEach(function (entry) { byId[entry.client_id] = entry; });
        return Promise.all((answer.results || []).map(function (result) {
          var entry = byId[result.client_id];
          if (!entry) {
            return null;
          }
          if (result.status === "created" || result.status === "existing") {
            sent += 1;
            return deleteEntry(entry.client_id);
          }
          refused += 1;
          entry.state = "refused";
          entry.errors = result.errors || [];
          return putEntry(entry);
        })).then(function () {
          say(texts.sent.replace("%(sent)s", sent) + (refused ? " " + texts.some_refused.replace("%(refused)s", refused) : ""));
        });
      }).catch(function (error) {
        say(error && error.message ? error.message : texts.failed);
      }).then(function () {
        sending = false;
        return render();
      });
    });
  }

  function summarise(target) {
    var parts = [];
    target.querySelectorAll("[data-summary]").forEach(function (field) {
      if (field.type === "radio") {
        var checked = target.querySelector("input[name='" + field.name + "']:checked");
        if (checked && field === checked) {
          var label = target.querySelector("label[for='" + checked.id + "']");
          parts.push(label ? label.textContent.trim() : checked.value);
        }
      } else if (field.tagName === "SELECT") {
        if (field.value) {
          parts.push(field.options[field.selectedIndex].textContent.trim());
        }
      } else if (field.type === "date" && field.value) {
        var day = new Date(field.value + "T12:00:00");
        parts.push(isNaN(day) ? field.value : day.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" }));
      } else if (field.value) {
        parts.push(field.value);
      }
    });
    return parts.join(" · ") || texts.kinds[target.getAttribute("data-kind")];
  }

  function serialise(target) {
    var data = {};
    new FormData(target).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "client_id" || name === "intent") {
        return;
      }
      (data[name] = data[name] || []).push(String(value));
    });
    return data;
  }

  function loadIntoForm(entry) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.name === "csrfmiddlewaretoken") {
        return;
      }
      var values = entry.data[field.name] || [];
      if (field.name === "client_id") {
        field.value = entry.client_id;
      } else if (field.type === "radio" || field.type === "checkbox") {
        field.checked = values.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT" && field.multiple) {
        Array.prototype.forEach.call(field.options, function (option) { option.selected = values.indexOf(option.value) !== -1; });
      } else if (field.type !== "submit" && field.type !== "button") {
        field.value = values.length ? values[0] : "";
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    form.setAttribute("data-fixing", entry.client_id);
    say(texts.fixing + " " + (entry.errors || []).join(" "));
    form.scrollIntoView();
    var first = form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
  }

  if (form) {
    var idField = form.querySelector("[name=client_id]");
    if (idField.value) {
      // The server answered this entry with the form again (refused): the form on screen
      // now holds it, so the device's copy goes.
      deleteEntry(idField.value).catch(function () {});
    } else {
      idField.value = newId();
    }
    // A page kept for offline use may be days old: today is the device's today.
    var setToday = function () {
      var dateField = form.querySelector("input[type=date][name=date]");
      if (dateField && dateField.value === form.getAttribute("data-today")) {
        var now = new Date();
        dateField.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
      }
    };
    setToday();

    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.name === "intent") {
        if (!navigator.onLine) {
          event.preventDefault();
        }
        return;
      }
      var tokenField = form.querySelector("[name=csrfmiddlewaretoken]");
      if (tokenField && cookie(texts.csrf_cookie)) {
        tokenField.value = cookie(texts.csrf_cookie);
      }
      var entry = {
        client_id: idField.value,
        user: config.user,
        kind: form.getAttribute("data-kind"),
        data: serialise(form),
        summary: summarise(form),
        saved_at: new Date().toISOString(),
        state: "waiting",
        errors: []
      };
      if (navigator.onLine) {
        // Sent the ordinary way; the device keeps a copy until the server confirms it
        // (a signal that drops while sending loses nothing).
        putEntry(entry).catch(function () {});
        return;
      }
      event.preventDefault();
      if (!form.checkValidity()) {
        form.reportValidity();
        return;
      }
      putEntry(entry).then(function () {
        form.reset();
        form.removeAttribute("data-fixing");
        idField.value = newId();
        setToday();
        say(texts.kept);
        return render();
      }).then(function () {
        var heading = panel.querySelector("[data-queue-heading]");
        if (heading) {
          heading.focus();
        }
      }, function () {
        say(texts.not_kept);
      });
    });
  }

  if (sendButton) {
    sendButton.addEventListener("click", function () { send(); });
  }
  window.addEventListener("online", function () { showConnection(); send(); });
  window.addEventListener("offline", showConnection);
  showConnection();
  render().then(function (entries) {
    var wanted = /^#fix=([0-9a-f-]+)$/.exec(window.location.hash);
    var entry = wanted && form && entries.filter(function (e) { return e.client_id === wanted[1]; })[0];
    if (wanted && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    if (entry && form.getAttribute("data-kind") === entry.kind) {
      loadIntoForm(entry);
    }
    return send();
  });

  /* --- install hint ------------------------------------------------------------------ */
  var installButton = document.querySelector("[data-install]");
  window.addEventListener("beforeinstallprompt", function (event) {
    if (!installButton) {
      return;
    }
    event.preventDefault();
    installButton.hidden = false;
    installButton.addEventListener("click", function () {
      installButton.hidden = true;
      event.prompt();
    }, { once: true });
  });
})();
