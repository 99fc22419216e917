// The page loads again when one of its own scripts was cut loading. Chromium on Linux cancels the
// requests in flight whenever the host's network changes (net::ERR_NETWORK_CHANGED), and an engine
// starting a container adds a network interface: in browser mode, a page opened as a container
// starts could stay blank, or a route never open. A classic script ahead of the app's modules, so it
// is listening before any of them load. At most three reloads a minute, then a sentence.
;(function () {
  var KEY = 'berth.reloadsAfterCut'
  var WINDOW_MS = 60000
  var MOST = 3

  function recent() {
    try {
      var times = JSON.parse(sessionStorage.getItem(KEY) || '[]')
      var now = Date.now()
      return Array.isArray(times) ? times.filter(function (t) { return typeof t === 'number' && now - t < WINDOW_MS }) : []
    } catch {
      return []
    }
  }

  function giveUp() {
    var note = document.createElement('p')
    note.setAttribute('role', 'alert')
    note.setAttribute('data-testid', 'page-load-cut')
    note.textContent =
      'Berth could not load part of its page: the connection to it was cut while loading (on Linux, Chromium cuts loads when the network changes, as when an engine starts a container). Reload the page to try again.'
    if (document.body) document.body.insertBefore(note, document.body.firstChild)
    else document.addEventListener('DOMContentLoaded', function () { document.body.insertBefore(note, document.body.firstChild) })
  }

  var reloading = false
  function reloadOnce() {
    if (reloading) return
    var times = recent()
    if (times.length >= MOST) return giveUp()
    reloading = true
    times.push(Date.now())
    sessionStorage.setItem(KEY, JSON.stringify(times))
    location.reload()
  }

  // A script, module or stylesheet of the page's own that failed to load (error events do not bubble:
  // caught on the way down).
  window.addEventListener(
    'error',
    function (event) {
      var t = event.target
      if (!t || t === window) return
      if (t.tagName === 'SCRIPT' || (t.tagName === 'LINK' && (t.rel === 'modulepreload' || t.rel === 'stylesheet'))) reloadOnce()
    },
    true,
  )
  // A route's code, imported when first visited, that failed to load (Vite's event for it).
  window.addEventListener('vite:preloadError', function (event) {
    event.preventDefault()
    reloadOnce()
  })
})()
