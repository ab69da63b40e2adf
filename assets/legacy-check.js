/*
 * Pilote AP: first script of every page, written in ES5 so that any webview can run it. The add-in's
 * bundles need ES2017 (async functions); on an older webview they cannot even be parsed, so this
 * script says in French what to do instead of leaving a blank pane.
 */
(function () {
  var modern = true;
  try {
    new Function('async function probe() { await 0; } return Object.entries({}) && Promise.resolve(probe);')();
  } catch (error) {
    // A Content-Security-Policy without 'unsafe-eval' refuses the probe itself (EvalError) before any
    // parsing: only browsers recent enough to enforce the page's <meta> policy do that.
    modern = error instanceof EvalError;
  }
  if (modern) return;
  window.__piloteApTooOld = true;
  function show() {
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.cssText = 'font-family:Segoe UI,sans-serif;font-size:14px;line-height:1.5;padding:20px;color:#242424';
    box.innerHTML =
      '<h1 style="font-size:18px;margin:0 0 12px">Pilote AP ne peut pas démarrer ici</h1>' +
      '<p>Cette version d’Excel utilise un moteur d’affichage trop ancien pour le complément.</p>' +
      '<p>Mettez Excel à jour (Microsoft 365, Excel 2021 ou plus récent), ou ouvrez le classeur dans ' +
      'Excel sur le web (office.com), puis rouvrez Pilote AP.</p>';
    document.body.innerHTML = '';
    document.body.appendChild(box);
  }
  if (document.body) show();
  else document.addEventListener('DOMContentLoaded', show);
})();
