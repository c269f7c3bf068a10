// Reads the API URL from config.json (written at build time, never cached), then talks to the API.
const statusLine = document.getElementById('status');
const list = document.getElementById('products');
document.getElementById('build').textContent =
  document.querySelector('meta[name="omnix-build"]')?.content ?? 'unknown';

async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return response.json();
}

async function showProducts(apiUrl, query = '') {
  const response = await fetch(`${apiUrl}/products?q=${encodeURIComponent(query)}`);
  const { products } = await response.json();
  list.replaceChildren(
    ...products.map((product) => {
      const item = document.createElement('li');
      item.textContent = `${product.name} — $${product.price.toFixed(2)}`;
      return item;
    }),
  );
}

async function start() {
  const { apiUrl } = await loadConfig();
  if (!apiUrl) {
    statusLine.textContent = 'No API configured for this build.';
    return;
  }
  const health = await fetch(`${apiUrl}/health`).then((response) => response.json());
  statusLine.textContent = `API ${health.status} (${health.stage}, ${health.version})`;
  await showProducts(apiUrl);
  document.getElementById('search').addEventListener('submit', (event) => {
    event.preventDefault();
    showProducts(apiUrl, new FormData(event.target).get('q'));
  });
}

start().catch((error) => {
  statusLine.textContent = `The API could not be reached: ${error.message}`;
  statusLine.classList.add('error');
});
