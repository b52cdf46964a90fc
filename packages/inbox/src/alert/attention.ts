// Getting attention beyond the page: a short tone (WebAudio, no asset) and the browser's Notification API. Part of the
// alert dialog's lazy chunk (issue 16), imported by nothing in the first load.

/** Has the user interacted with the page yet? Browsers refuse to start audio before that. */
const hasUserGesture = () =>
  (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive ?? false;

let audio: AudioContext | undefined;

/** Two short beeps; silently nothing before a user gesture or without WebAudio. */
export function playTone(): void {
  if (!hasUserGesture() || typeof AudioContext === 'undefined') return;
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const start = audio.currentTime + 0.01;
    for (const offset of [0, 0.25]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.2);
    }
  } catch {
    /* audio is a nicety: never let it break the alert */
  }
}

/**
 * Shows a desktop notification when the page is hidden and the user allowed it; clicking it focuses the
 * window and calls `onClick`. Returns it when one was shown (the alert closes it when it is taken down).
 */
export function notify(title: string, body: string, tag: string, onClick: () => void): Notification | undefined {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return undefined;
  if (document.visibilityState !== 'hidden') return undefined;
  try {
    const notification = new Notification(title, { body, tag, requireInteraction: true });
    notification.onclick = () => {
      window.focus();
      notification.close();
      onClick();
    };
    return notification;
  } catch {
    return undefined; // e.g. Android Chrome requires a service worker for notifications
  }
}
