// Storezero.io: a shop with no session of its own. Keycloak keeps the session; this page keeps tokens in
// memory only and gets them from Keycloak through auth0.js (Auth0's browser SDK, unmodified) pointed at the
// bundle's Auth0-compatible endpoints: a login redirect once, then silent authentication in a hidden iframe
// (prompt=none, response_mode=web_message) on every load and before the access token expires.
// When the browser withholds Keycloak's cookies from that iframe (third-party cookies blocked, the app on another
// site than Keycloak), the bundle still answers login_required but adds storage_access: "unavailable"; the session may
// be alive, so the page offers "continue" (a popup, a top-level window that has the cookies) instead of a logout.
import auth0 from 'auth0-js';

const RENEW_BEFORE_EXPIRY_MS = 30 * 1000;
const CART_KEY = 'storezero.cart'; // the cart is not a session: it only survives the login redirect

let config;
let webAuth;
let session = null; // { accessToken, claims, expiresAt } — in memory, never stored
let renewTimer;
const auth = { state: 'signing-in', renewals: 0 };

// auth0.js hands the page only error and error_description, so the extension field is read from the same web message,
// matched by the state the page chose. This listener is registered before auth0.js adds its own, so it runs first.
const STORAGE_ACCESS_UNAVAILABLE = 'unavailable';
const withoutStorageAccess = new Set();
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!config || event.origin !== config.keycloakOrigin || data?.type !== 'authorization_response') return;
  if (data.response?.storage_access === STORAGE_ACCESS_UNAVAILABLE && typeof data.response.state === 'string') {
    withoutStorageAccess.add(data.response.state);
  }
});

function randomString() {
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- authentication -------------------------------------------------------------------------

function signedIn(result) {
  session = {
    accessToken: result.accessToken,
    claims: result.idTokenPayload,
    expiresAt: Date.now() + result.expiresIn * 1000,
  };
  setAuthState('signed-in');
  clearTimeout(renewTimer);
  renewTimer = setTimeout(renewSilently, Math.max(result.expiresIn * 1000 - RENEW_BEFORE_EXPIRY_MS, 5000));
}

function signedOut(message) {
  session = null;
  clearTimeout(renewTimer);
  setAuthState('signed-out');
  if (message) showStatus(message);
}

/** auth0.js checkSession; err.cookiesBlocked: login_required from a frame that could not see Keycloak's cookies. */
function checkSession() {
  const state = randomString();
  return new Promise((resolve) => webAuth.checkSession({ state }, (err, result) => {
    if (err) err.cookiesBlocked = err.error === 'login_required' && withoutStorageAccess.delete(state);
    resolve({ err, result });
  }));
}

function stillSignedIn() {
  session = null;
  clearTimeout(renewTimer);
  setAuthState('cookies-blocked');
  showStatus('Your browser keeps Storezero from checking your session in the background. You are still signed in — continue.');
}

/**
 * The same silent request (prompt=none, web_message) in a popup opened by the click: a top-level window, so the
 * browser sends Keycloak's cookies and no login form appears while the session is alive.
 */
function continueInPopup() {
  const state = randomString();
  const nonce = randomString();
  const url = webAuth.client.buildAuthorizeUrl({
    clientID: config.clientId, redirectUri: `${location.origin}/`, responseType: 'token id_token',
    scope: 'openid profile email', responseMode: 'web_message', prompt: 'none', state, nonce,
  });
  const popup = window.open(url, 'storezero-continue', 'width=480,height=640');
  if (!popup) {
    showStatus('The popup was blocked. Allow popups for this site, or log in again.');
    return;
  }
  const onMessage = (event) => {
    const data = event.data;
    if (event.source !== popup || event.origin !== config.keycloakOrigin || data?.type !== 'authorization_response'
      || data.response?.state !== state) return;
    window.removeEventListener('message', onMessage);
    popup.close();
    if (data.response.error) {
      signedOut(data.response.error === 'login_required' ? 'Your session has ended. Log in again.'
        : `Could not continue your session (${data.response.error_description || data.response.error}).`);
      render();
      return;
    }
    webAuth.validateAuthenticationResponse({ state, nonce }, data.response, (err, result) => {
      if (err || !result) {
        signedOut(`Could not continue your session (${err?.errorDescription || err?.error_description || err?.error || 'no tokens'}).`);
      } else {
        signedIn(result);
        showStatus(`Signed in as ${result.idTokenPayload.name || result.idTokenPayload.email}.`, true);
      }
      render();
    });
  };
  window.addEventListener('message', onMessage);
}

async function renewSilently() {
  const { err, result } = await checkSession();
  if (err?.cookiesBlocked) {
    stillSignedIn();
    render();
    return;
  }
  if (err) {
    signedOut(err.error === 'login_required'
      ? 'Your session has ended. Log in again to see your account.'
      : `Could not renew your session (${err.error_description || err.error || err.description}).`);
    render();
    return;
  }
  auth.renewals += 1;
  signedIn(result);
  showStatus(`Session renewed silently at ${new Date().toLocaleTimeString()}.`, true);
  render();
}

function login(returnTo) {
  showStatus('Taking you to the login page…');
  webAuth.authorize({ appState: { returnTo } });
}

function logout() {
  session = null;
  clearTimeout(renewTimer);
  webAuth.logout({ returnTo: `${location.origin}/`, clientID: config.clientId });
}

function setAuthState(state) {
  auth.state = state;
  document.body.dataset.auth = state;
  document.body.dataset.renewals = String(auth.renewals);
}

// ---- API ---------------------------------------------------------------------------------------

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error_description || `HTTP ${res.status}`);
  return data;
}

// ---- cart ----------------------------------------------------------------------------------------

function cart() {
  try {
    return JSON.parse(sessionStorage.getItem(CART_KEY)) || [];
  } catch {
    return [];
  }
}

function saveCart(items) {
  sessionStorage.setItem(CART_KEY, JSON.stringify(items));
  document.getElementById('nav-cart').textContent = `Cart (${items.reduce((n, i) => n + i.quantity, 0)})`;
}

function addToCart(sku) {
  const items = cart();
  const line = items.find((i) => i.sku === sku);
  if (line) line.quantity += 1;
  else items.push({ sku, quantity: 1 });
  saveCart(items);
  showStatus('Added to your cart.', true);
}

// ---- views ---------------------------------------------------------------------------------------

let catalog = [];
const money = (cents) => `€${(cents / 100).toFixed(2)}`;
const view = () => document.getElementById('view');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : String(child));
  return node;
}

function showStatus(text, ok = false) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = ok ? 'ok' : '';
  status.hidden = false;
}

function renderWho() {
  const who = document.getElementById('who');
  who.replaceChildren();
  if (auth.state === 'signing-in') who.append(el('span', { class: 'muted' }, 'Signing in…'));
  else if (session) {
    if (session.claims.picture) who.append(el('img', { class: 'avatar', src: session.claims.picture, alt: '', onerror: (e) => e.target.remove() }));
    who.append(el('span', { id: 'who-name' }, session.claims.name || session.claims.email || session.claims.sub));
    who.append(el('button', { class: 'secondary', id: 'logout', onclick: logout }, 'Log out'));
  } else if (auth.state === 'cookies-blocked') {
    who.append(el('button', { id: 'continue', onclick: continueInPopup }, 'You are still signed in — continue'));
  } else who.append(el('button', { id: 'login', onclick: () => login(location.pathname) }, 'Log in'));
}

function shopView() {
  return [
    el('h1', {}, 'Shop'),
    el('div', { class: 'products' }, catalog.map((p) => el('div', { class: 'card' },
      el('div', { class: 'emoji', 'aria-hidden': 'true' }, p.emoji),
      el('h2', {}, p.name),
      el('p', {}, money(p.priceCents)),
      el('button', { 'data-sku': p.sku, onclick: () => addToCart(p.sku) }, 'Add to cart')))),
  ];
}

function cartView() {
  const items = cart();
  if (items.length === 0) return [el('h1', {}, 'Cart'), el('p', {}, 'Your cart is empty.')];
  const rows = items.map((i) => {
    const p = catalog.find((c) => c.sku === i.sku);
    return el('tr', {}, el('td', {}, p.name), el('td', {}, i.quantity), el('td', {}, money(p.priceCents * i.quantity)));
  });
  return [
    el('h1', {}, 'Cart'),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Product'), el('th', {}, 'Quantity'), el('th', {}, 'Price'))), el('tbody', {}, rows)),
    el('p', {}, el('a', { class: 'button', href: '/checkout', 'data-link': '', id: 'to-checkout' }, 'Checkout')),
  ];
}

function checkoutView() {
  const items = cart();
  if (items.length === 0) return [el('h1', {}, 'Checkout'), el('p', {}, 'Your cart is empty.')];
  const email = el('input', { id: 'email', type: 'email', name: 'email', required: '', autocomplete: 'email' });
  if (session) {
    email.value = session.claims.email || '';
    email.readOnly = true;
  }
  const form = el('form', {
    id: 'checkout',
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        const order = await api('POST', '/api/orders', { items, email: email.value });
        saveCart([]);
        view().replaceChildren(el('h1', {}, 'Thank you!'), el('p', { id: 'confirmation' }, `Order ${order.id} placed: ${money(order.totalCents)}.`),
          order.guest ? el('p', { class: 'muted' }, 'Checked out as a guest.') : el('p', {}, el('a', { href: '/account', 'data-link': '' }, 'See all your orders')));
      } catch (e) {
        showStatus(`The order could not be placed: ${e.message}`);
      }
    },
  },
  el('label', { for: 'email' }, 'E-mail for the receipt'), email,
  el('p', {}, el('button', { type: 'submit', id: 'place-order' }, session ? 'Place order' : 'Place order as guest')));
  return [
    el('h1', {}, 'Checkout'),
    session ? el('p', {}, `Ordering as ${session.claims.email}.`)
      : el('p', {}, 'No account needed. ', el('button', { class: 'secondary', type: 'button', onclick: () => login('/checkout') }, 'Log in to save this order to your account')),
    form,
  ];
}

function accountView() {
  if (!session) {
    // A protected page: once we know there is no session, go to the login page.
    if (auth.state === 'signed-out') setTimeout(() => login('/account'));
    if (auth.state === 'cookies-blocked') {
      return [el('h1', {}, 'My Account'), el('p', {}, 'You are still signed in.'),
        el('button', { id: 'account-continue', onclick: continueInPopup }, 'You are still signed in — continue')];
    }
    return [el('h1', {}, 'My Account'), el('p', {}, 'Log in to see your orders and profile.'),
      el('button', { id: 'account-login', onclick: () => login('/account') }, 'Log in')];
  }
  const orders = el('div', { id: 'orders' }, el('p', { class: 'muted' }, 'Loading your orders…'));
  api('GET', '/api/orders').then((list) => {
    orders.replaceChildren(list.length === 0 ? el('p', {}, 'No orders yet.')
      : el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Order'), el('th', {}, 'Date'), el('th', {}, 'Items'), el('th', {}, 'Total'))),
        el('tbody', {}, list.map((o) => el('tr', { class: 'order' }, el('td', {}, o.id), el('td', {}, new Date(o.createdAt).toLocaleString()),
          el('td', {}, o.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')), el('td', {}, money(o.totalCents)))))));
  }).catch((e) => orders.replaceChildren(el('p', {}, `Your orders could not be loaded: ${e.message}`)));
  const first = ['name', 'email', 'upstream_user_id', 'picture', 'sub', 'iss'];
  const claims = Object.entries(session.claims)
    .filter(([name]) => !['nonce', 'at_hash', 'c_hash', 's_hash'].includes(name))
    .sort(([a], [b]) => (first.includes(b) - first.includes(a)) || (first.indexOf(a) - first.indexOf(b)));
  return [
    el('h1', {}, 'My Account'),
    el('h2', {}, 'All Orders'), orders,
    el('h2', {}, 'Profile'),
    el('p', { class: 'muted' }, 'The claims of your ID token, validated by this page (signature, issuer, audience, nonce).'),
    el('table', { id: 'profile' }, el('tbody', {}, claims.map(([name, value]) => el('tr', { 'data-claim': name },
      el('th', {}, name), el('td', {}, el('code', {}, typeof value === 'object' ? JSON.stringify(value) : String(value))))))),
  ];
}

const routes = { '/': shopView, '/cart': cartView, '/checkout': checkoutView, '/account': accountView };

function render() {
  renderWho();
  saveCart(cart());
  view().replaceChildren(...(routes[location.pathname] || shopView)());
}

function navigate(path) {
  history.pushState(null, '', path);
  render();
  view().focus({ preventScroll: true });
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (link && link.origin === location.origin) {
    event.preventDefault();
    navigate(link.pathname);
  }
});
window.addEventListener('popstate', render);

// ---- start -----------------------------------------------------------------------------------------

async function start() {
  setAuthState('signing-in');
  config = await (await fetch('/config.json')).json();
  catalog = await (await fetch('/api/catalog')).json();
  webAuth = new auth0.WebAuth({
    domain: config.auth0Domain,
    clientID: config.clientId,
    redirectUri: `${location.origin}/`,
    responseType: 'token id_token',
    scope: 'openid profile email',
    overrides: { __token_issuer: config.issuer, __jwks_uri: `${config.issuer}/protocol/openid-connect/certs` },
  });
  render();

  if (/[#&](access_token|error)=/.test(location.hash)) {
    // Back from the login page: take the tokens out of the URL at once, then validate them.
    const hash = location.hash;
    history.replaceState(null, '', location.pathname);
    webAuth.parseHash({ hash }, (err, result) => {
      if (err || !result) {
        signedOut(`Login failed: ${err?.errorDescription || err?.error_description || err?.error || 'no tokens'}.`);
        return render();
      }
      signedIn(result);
      showStatus(`Welcome, ${result.idTokenPayload.name || result.idTokenPayload.email}!`, true);
      const returnTo = result.appState?.returnTo;
      if (typeof returnTo === 'string' && routes[returnTo]) history.replaceState(null, '', returnTo);
      render();
    });
    return;
  }

  showStatus('Signing you in…', true);
  const { err, result } = await checkSession();
  if (err?.cookiesBlocked) {
    stillSignedIn();
  } else if (err) {
    document.getElementById('status').hidden = true;
    signedOut(err.error === 'login_required' ? undefined : `Could not check your session (${err.error_description || err.error}).`);
  } else {
    signedIn(result);
    showStatus(`Signed in as ${result.idTokenPayload.name || result.idTokenPayload.email}.`, true);
  }
  render();
}

start().catch((e) => showStatus(`Storezero could not start: ${e.message}`));
