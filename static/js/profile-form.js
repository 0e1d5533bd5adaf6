/* The profile form, enhanced (nothing inline: the strict Content-Security-Policy applies).
   - Languages: "Add a language" copies the empty row from its <template> and counts it in
     the formset's TOTAL_FORMS, so a row appears without saving. Without JavaScript the
     form has one empty row and saving brings another.
   - Expertise: the comma-separated box becomes chips, each with a remove button; typing an
     area and pressing Enter or a comma adds a chip. The chips are written back into the
     original field (hidden), so the server reads the same comma-separated text. */
(function () {
  "use strict";

  function setUpLanguageRows(fieldset) {
    var prefix = fieldset.getAttribute("data-prefix");
    var total = fieldset.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var max = fieldset.querySelector("#id_" + prefix + "-MAX_NUM_FORMS");
    var template = fieldset.querySelector("template[data-row-template]");
    var rows = fieldset.querySelector("[data-rows]");
    var wrap = fieldset.querySelector("[data-add-row-wrap]");
    var help = fieldset.querySelector("[data-no-js-help]");
    if (!total || !template || !rows || !wrap) {
      return;
    }
    wrap.hidden = false;
    if (help) {
      help.hidden = true;
    }
    var button = wrap.querySelector("[data-add-row]");
    function refresh() {
      button.disabled = max && Number(total.value) >= Number(max.value);
    }
    button.addEventListener("click", function () {
      var index = Number(total.value);
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      var holder = document.createElement("ul");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      refresh();
      var first = row.querySelector("select");
      if (first) {
        first.focus();
      }
    });
    refresh();
  }

  function setUpChips(original) {
    var removeLabel = original.getAttribute("data-remove-label") || "%(name)s";
    var box = document.createElement("div");
    box.className = "chips";
    box.setAttribute("data-testid", "expertise-chips");
    var list = document.createElement("ul");
    list.className = "tag-list chips__list";
    list.setAttribute("role", "list");
    var input = document.createElement("input");
    input.type = "text";
    input.className = "chips__input";
    input.id = original.id;
    input.setAttribute("autocomplete", "off");
    var described = original.getAttribute("aria-describedby");
    if (described) {
      input.setAttribute("aria-describedby", described);
    }
    if (original.getAttribute("aria-invalid")) {
      input.setAttribute("aria-invalid", original.getAttribute("aria-invalid"));
    }
    original.id = original.id + "_value";
    original.type = "hidden";
    box.appendChild(list);
    box.appendChild(input);
    original.parentNode.insertBefore(box, original);

    function parse(text) {
      var names = [];
      var re = /"([^"]*)"|([^,]+)/g;
      var match;
      while ((match = re.exec(text)) !== null) {
        var name = (match[1] !== undefined ? match[1] : match[2]).trim();
        if (name && names.indexOf(name) === -1) {
          names.push(name);
        }
      }
      return names;
    }
    var names = parse(original.value);

    function write() {
      original.value = names
        .map(function (name) { return name.indexOf(",") === -1 ? name : '"' + name + '"'; })
        .join(", ");
    }
    function render() {
      list.innerHTML = "";
      names.forEach(function (name, index) {
        var item = document.createElement("li");
        item.className = "chip";
        var text = document.createElement("span");
        text.textContent = name;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", removeLabel.replace("%(name)s", name));
        remove.addEventListener("click", function () {
          names.splice(index, 1);
          write();
          render();
          input.focus();
        });
        item.appendChild(text);
        item.appendChild(remove);
        list.appendChild(item);
      });
    }
    function add(text) {
      parse(text).forEach(function (name) {
        if (names.indexOf(name) === -1) {
          names.push(name);
        }
      });
      input.value = "";
      write();
      render();
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === ",") {
        if (input.value.trim()) {
          event.preventDefault();
          add(input.value);
        } else if (event.key === "Enter") {
          event.preventDefault();
        }
      } else if (event.key === "Backspace" && !input.value && names.length) {
        names.pop();
        write();
        render();
      }
    });
    // What is typed but not yet a chip is kept when the form is sent.
    input.addEventListener("blur", function () {
      if (input.value.trim()) {
        add(input.value);
      }
    });
    var form = original.form;
    if (form) {
      form.addEventListener("submit", function () {
        if (input.value.trim()) {
          add(input.value);
        }
      });
    }
    render();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-language-rows]"), setUpLanguageRows);
  Array.prototype.forEach.call(document.querySelectorAll("input[data-chips]"), setUpChips);
})();
