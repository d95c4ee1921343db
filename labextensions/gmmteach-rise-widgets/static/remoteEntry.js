// A hand-written module-federation container (no build step, no plugins).
//
// Why: jupyterlab-rise 0.43.1's slideshow app (/rise/<path>) is built on
// JupyterLab 4.3 and does not share @jupyterlab/console. The widget manager
// (@jupyter-widgets/jupyterlab-manager 5.0.x, ipywidgets 8) consumes it with no
// fallback, so it fails to load there and every widget, the explorers
// included, shows only its text (jupyterlab-contrib/rise#119). The manager
// uses the package for one optional token, IConsoleTracker. Where the host
// shares no @jupyterlab/console (the slideshow app), this container shares a
// stand-in whose token no plugin provides: the manager then loads, without
// console support, which slides do not need. In JupyterLab itself the real
// package is shared and this file does nothing.
var _JUPYTERLAB;
(function () {
  var NAME = "gmmteach-rise-widgets";
  var standIn = {
    IConsoleTracker: { name: "@jupyterlab/console:IConsoleTracker (stand-in, slides only)" }
  };
  var container = {
    init: function (shareScope) {
      var versions = shareScope["@jupyterlab/console"];
      if (versions && Object.keys(versions).length > 0) {
        return;  // JupyterLab: the real package is there
      }
      shareScope["@jupyterlab/console"] = {
        "0.0.0": {
          get: function () { return Promise.resolve(function () { return standIn; }); },
          from: NAME,
          eager: false,
          loaded: 1
        }
      };
    },
    get: function () {
      return Promise.resolve(function () { return { __esModule: true, default: [] }; });
    }
  };
  _JUPYTERLAB = typeof _JUPYTERLAB === "undefined" ? {} : _JUPYTERLAB;
  _JUPYTERLAB[NAME] = container;
})();
