// Hands the provider a way to get a fresh embed token from this site's back end. The token stays in
// memory: never in a cookie, localStorage or a URL.
const provider = document.getElementById('herald');
provider.tokenProvider = async () => {
  const res = await fetch('/token', { method: 'POST' });
  // With its `status`, Herald's elements name the failure: "this page's own token service answered HTTP 500".
  if (!res.ok) throw Object.assign(new Error(`token endpoint answered ${res.status}`), { status: res.status });
  return res.text();
};
