// Plays a chime while a chat assigned to me is still unopened, if my profile allows sound.
//
// Autoplay: Chromium refuses an AudioContext made or resumed outside a user gesture ("The
// AudioContext was not allowed to start") and it stays suspended. So the context is only ever
// created and resumed inside the session's first click or keypress (unlockAudio, installed by the
// shell); a chime before that is silent (the badge, the title and a desktop notification still
// tell), never a console warning.
import { onBeforeUnmount, ref, watch } from 'vue';
import { readJson, storageKeys, writeJson } from '../lib/storage';
import { useChatsStore } from '../stores/chats';
import { useSessionStore } from '../stores/session';

let ctx: AudioContext | null = null;

/** Creates / resumes the AudioContext; call only from a user-gesture handler. */
export async function unlockAudio(): Promise<void> {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') await ctx.resume();
  } catch {
    // No audio device: the console works on without sound.
  }
}

/** Profile's "Test sound" (a click, so it may unlock). */
export async function testChime(): Promise<void> {
  await unlockAudio();
  chime();
}

/** Unlocks audio on the first click or keypress of the session; returns the remover. */
export function unlockAudioOnFirstGesture(): () => void {
  const events = ['pointerdown', 'keydown'] as const;
  const once = () => {
    void unlockAudio();
    remove();
  };
  const remove = () => events.forEach((e) => window.removeEventListener(e, once, true));
  events.forEach((e) => window.addEventListener(e, once, true));
  return remove;
}

export function chime() {
  // Before the first gesture there is no context to play on (see above).
  if (!ctx || ctx.state !== 'running') return;
  try {
    const now = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t = now + i * 0.18;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.4);
    }
  } catch {
    // Audio refused: the badge and title still show the chat.
  }
}

/**
 * "Repeat the sound until I open the chat" (Profile): a preference of this browser, like the
 * sound itself is; on unless turned off.
 */
export const repeatSound = ref(true);
export function loadRepeatSound(userId: string | null): void {
  repeatSound.value = userId ? readJson('local', storageKeys.ringRepeat(userId), true) : true;
}
export function setRepeatSound(userId: string, on: boolean): void {
  repeatSound.value = on;
  writeJson('local', storageKeys.ringRepeat(userId), on);
}

export function useRinger(intervalMs = 4000) {
  const chats = useChatsStore();
  const session = useSessionStore();
  let timer: ReturnType<typeof setInterval> | null = null;
  const removeUnlock = unlockAudioOnFirstGesture();
  loadRepeatSound(session.myId);

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  watch(
    () => chats.ringing.length > 0 && (session.user?.notifications.sound ?? false),
    (on) => {
      stop();
      if (!on) return;
      chime();
      if (repeatSound.value) timer = setInterval(chime, intervalMs);
    },
    { immediate: true },
  );
  // A new chat while one already rings: chime for it too, if the repeat is off.
  watch(
    () => chats.ringing.length,
    (n, old) => {
      if (n > (old ?? 0) && timer === null && old && (session.user?.notifications.sound ?? false)) chime();
    },
  );
  onBeforeUnmount(() => {
    stop();
    removeUnlock();
  });
}
