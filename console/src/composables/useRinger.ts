// Plays a chime while a chat assigned to me is still unopened, if my profile allows sound.
import { onBeforeUnmount, watch } from 'vue';
import { useChatsStore } from '../stores/chats';
import { useSessionStore } from '../stores/session';

let ctx: AudioContext | null = null;

export function chime() {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
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
    // No audio device or autoplay refused: the badge and title still show the chat.
  }
}

export function useRinger(intervalMs = 4000) {
  const chats = useChatsStore();
  const session = useSessionStore();
  let timer: ReturnType<typeof setInterval> | null = null;

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
      timer = setInterval(chime, intervalMs);
    },
    { immediate: true },
  );
  onBeforeUnmount(stop);
}
