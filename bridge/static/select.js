/* Q-SER Bridge: searchable multiple choices with Tom Select (tom-select.complete.min.js, loaded before this file).
 *
 * Without JavaScript the page keeps its plain <select multiple> and, for a search by name, a text box with a
 * "Search" button that the server answers by adding the matches to the list. With JavaScript:
 *   <select multiple data-enhance="search">   becomes a searchable list with removable chips;
 *   <select [multiple] data-search-url="..."> asks the URL (?q=...) for a few matches once the visitor has typed
 *                                              data-min-chars letters; the full list is never sent.
 * Texts come from data attributes set by the server in the page's language.
 */
(function () {
  "use strict";
  if (typeof window.TomSelect !== "function") {
    return;
  }

  function text(el, name, fallback) {
    return el.getAttribute("data-" + name) || fallback;
  }

  function escape(value) {
    var div = document.createElement("div");
    div.textContent = value;
    return div.innerHTML;
  }

  function render(el) {
    return {
      no_results: function () {
        return '<div class="no-results">' + escape(text(el, "no-results", "No match")) + "</div>";
      },
      option_create: function () {
        return "";
      }
    };
  }

  function enhanceList(el) {
    return new window.TomSelect(el, {
      plugins: ["remove_button"],
      maxOptions: null,
      hidePlaceholder: true,
      closeAfterSelect: true,
      render: render(el)
    });
  }

  function enhanceSearch(el) {
    var url = el.getAttribute("data-search-url");
    var minChars = parseInt(el.getAttribute("data-min-chars") || "2", 10);
    var renderers = render(el);
    renderers.not_loading = function (data) {
      if (data.input.length < minChars) {
        return '<div class="no-results">' + escape(text(el, "min-chars-text", "Type a name")) + "</div>";
      }
      return "";
    };
    return new window.TomSelect(el, {
      plugins: el.multiple ? ["remove_button"] : [],
      allowEmptyOption: true,
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      maxOptions: 10,
      closeAfterSelect: true,
      loadThrottle: 300,
      shouldLoad: function (query) {
        return query.length >= minChars;
      },
      load: function (query, callback) {
        var target = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
        window.fetch(target, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
          .then(function (response) { return response.ok ? response.json() : {results: []}; })
          .then(function (data) { callback(data.results || []); })
          .catch(function () { callback(); });
      },
      render: renderers
    });
  }

  // The original list stays in the page (hidden) and keeps the label Tom Select moved to its own input.
  function keepName(el, tomSelect) {
    var labelledBy = tomSelect.control_input.getAttribute("aria-labelledby");
    if (labelledBy) {
      el.setAttribute("aria-labelledby", labelledBy);
    }
  }

  document.querySelectorAll("select[multiple][data-enhance='search']").forEach(function (el) {
    keepName(el, enhanceList(el));
  });
  document.querySelectorAll("select[data-search-url]").forEach(function (el) {
    keepName(el, enhanceSearch(el));
    var fallback = document.getElementById(el.id + "-nojs");
    if (fallback) {
      fallback.hidden = true;  // the no-JavaScript search box: the list searches by itself now
    }
  });
}());
