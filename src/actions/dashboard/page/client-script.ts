/**
 * The page's own script (allowed by its hash): draws each chart of the embedded JSON with the bundled
 * Chart.js, then marks the page with how many it drew. Plain ES2020 for any current browser.
 */
export const CLIENT_SCRIPT = `(() => {
  const specs = JSON.parse(document.getElementById('chart-data').textContent);
  let drawn = 0;
  for (const spec of specs) {
    const canvas = document.getElementById(spec.id);
    if (!canvas) continue;
    new Chart(canvas, { type: spec.type, data: spec.data, options: spec.options });
    drawn++;
  }
  document.documentElement.dataset.chartsDrawn = String(drawn);
})();`;
