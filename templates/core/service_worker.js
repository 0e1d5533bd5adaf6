{% autoescape off %}/* Sem Fronteiras field mode: the service worker (served at /sw.js by intranet.core.field_mode).
   - Static files: from the cache first (those listed are stored when the worker installs).
   - Pages: from the network; with no connection (or none after a while), the signed-in
     person's own copy of the pages apps marked for offline use, else a short notice.
   - Never: anything under the admin, anything but GET, other sites, other people's pages.
     Personal pages are stored only when a page of that person asks ("keep"), in one cache
     named after them; keeping one person's pages drops every other person's cache. */
"use strict";
var CONFIG = {{ config|default:"{}" }};
var STATIC_CACHE = "sf-static-" + CONFIG.version;
var PERSON_PREFIX = "sf-person-";
var META_PATH = "/__field-mode__/kept.json";
var PATIENCE_MS = 8000;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then(function (cache) { return cache.addAll(CONFIG.static_files || []); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("sf-static-") === 0 && key !== STATIC_CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isPrivate(response) {
  var control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return control.indexOf("private") !== -1 || control.indexOf("no-store") !== -1;
}

function personCacheName() {
  return caches.keys().then(function (keys) {
    return keys.filter(function (key) { return key.indexOf(PERSON_PREFIX) === 0; })[0] || null;
  });
}

function ownCopy(url) {
  return personCacheName().then(function (name) {
    if (!name) {
      return null;
    }
    return caches.open(name).then(function (cache) {
      return cache.match(url.origin + url.pathname);
    });
  });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function notice() {
  var f = CONFIG.fallback || {};
  return personCacheName().then(function (name) {
    if (!name) {
      return null;
    }
    return caches.open(name).then(function (cache) { return cache.match(META_PATH); });
  }).then(function (meta) {
    return meta ? meta.json() : { pages: [] };
  }).then(function (kept) {
    var links = (kept.pages || []).map(function (page) {
      return '<li><a href="' + escapeHtml(page.url) + '">' + escapeHtml(page.title) + "</a></li>";
    }).join("");
    var html = '<!DOCTYPE html><html lang="' + escapeHtml(f.lang || "pt-pt") + '"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      "<title>" + escapeHtml(f.title) + " · Sem Fronteiras</title>" +
      '<link rel="stylesheet" href="' + escapeHtml(f.stylesheet) + '"></head><body>' +
      '<main id="main-content" class="container" data-testid="offline-notice"><h1>' + escapeHtml(f.title) + "</h1>" +
      (links ? "<p>" + escapeHtml(f.text) + "</p><ul>" + links + "</ul>" : "<p>" + escapeHtml(f.none) + "</p>") +
      "</main></body></html>";
    return new Response(html, {
      status: 503,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'"
      }
    });
  });
}

function fromNetworkOrOwnCopy(request) {
  var url = new URL(request.url);
  return ownCopy(url).then(function (copy) {
    var network = fetch(request);
    if (!copy) {
      return network.catch(function () { return notice(); });
    }
    // A copy exists: a network that does not answer within PATIENCE_MS (a signal that
    // comes and goes) gives way to it, and so does no network at all.
    var patience = new Promise(function (resolve) {
      setTimeout(function () { resolve(copy); }, PATIENCE_MS);
    });
    return Promise.race([network.catch(function () { return copy; }), patience]);
  });
}

function staticFirst(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      if (hit) {
        return hit;
      }
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic" && !isPrivate(response)) {
          cache.put(request, response.clone());
        }
        return response;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf(CONFIG.admin_prefix) === 0) {
    return;
  }
  if (url.pathname.indexOf(CONFIG.static_url) === 0) {
    event.respondWith(staticFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(fromNetworkOrOwnCopy(request));
  }
});

/* "keep": store the person's offline pages (at most once an hour, unless the language or the
   list changed). A page that answers with a redirect (the session ended), or is not HTML,
   is not kept. */
function keep(message) {
  var name = PERSON_PREFIX + String(message.user).replace(/[^a-f0-9]/g, "");
  var pages = (message.pages || []).filter(function (page) {
    return page.url.charAt(0) === "/" && page.url.indexOf(CONFIG.admin_prefix) !== 0 &&
      page.url.indexOf("//") === -1;
  });
  var signature = message.language + " " + pages.map(function (p) { return p.url; }).join(" ");
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf(PERSON_PREFIX) === 0 && key !== name;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () {
    return caches.open(name);
  }).then(function (cache) {
    return cache.match(META_PATH).then(function (meta) {
      return meta ? meta.json() : null;
    }).then(function (kept) {
      if (!message.force && kept && kept.signature === signature && Date.now() - kept.at < 3600000) {
        return kept;
      }
      // One page after the other: a light load on the server and a slow connection.
      var stored = [];
      return pages.reduce(function (previous, page) {
        return previous.then(function () {
          return fetch(page.url, { credentials: "same-origin", redirect: "follow" }).then(function (response) {
            var type = response.headers.get("Content-Type") || "";
            if (response.ok && !response.redirected && type.indexOf("text/html") === 0) {
              return cache.put(page.url, response).then(function () { stored.push(page); });
            }
            return null;
          }).catch(function () { return null; });
        });
      }, Promise.resolve()).then(function () {
        var record = {
          signature: signature,
          at: Date.now(),
          pages: stored
        };
        return cache.put(META_PATH, new Response(JSON.stringify(record), {
          headers: { "Content-Type": "application/json" }
        })).then(function () { return record; });
      });
    });
  });
}

function forget() {
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf("sf-") === 0; })
      .map(function (key) { return caches.delete(key); }));
  });
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  var reply = event.ports && event.ports[0];
  var work = null;
  if (message.type === "keep" && message.user) {
    work = keep(message);
  } else if (message.type === "forget") {
    work = forget();
  }
  if (work) {
    event.waitUntil(work.then(function (result) {
      if (reply) {
        reply.postMessage({ ok: true, kept: result || null });
      }
    }, function (error) {
      if (reply) {
        reply.postMessage({ ok: false, error: String(error) });
      }
    }));
  }
});
{% endautoescape %}
