// Hands the provider a way to get a fresh embed token from this site's back end. The token stays in
// memory: never in a cookie, localStorage or a URL.
const provider = document.getElementById('herald');
provider.tokenProvider = async () => {
  const res = await fetch('/token', { method: 'POST' });
  if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
  return res.text();
};
