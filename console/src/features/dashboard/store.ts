// The dashboard's selection (range preset or custom dates, team) and its data. A setup store in
// the feature folder so it ships in the dashboard's lazy chunk; the selection survives leaving
// and coming back to the page.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DashboardDto } from '../../../../shared/types/dashboard';
import { errorMessage, getDashboard, isApiError } from '../../api';
import { ownedData } from '../../stores/owned';
import { isDate, presetRange, todayIn, type RangePreset } from './format';

export const useDashboardStore = defineStore('dashboard', () => {
  const preset = ref<RangePreset>('7d');
  const from = ref('');
  const to = ref('');
  const teamId = ref('');
  const data = ref<DashboardDto | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** A 400 about the range (e.g. over 366 days) is shown next to the date inputs. */
  const rangeError = ref<string | null>(null);

  let controller: AbortController | null = null;

  const hasChats = computed(() => (data.value?.totals.chats ?? 0) > 0);

  /** Fills the dates from the preset ("today" in the organization's zone). */
  function applyPreset(p: RangePreset, timeZone: string) {
    preset.value = p;
    if (p === 'custom') {
      // Custom starts from the dates on screen; the user edits them from there.
      const r = presetRange('7d', todayIn(timeZone));
      from.value ||= r.from;
      to.value ||= r.to;
      return;
    }
    const r = presetRange(p, todayIn(timeZone));
    from.value = r.from;
    to.value = r.to;
  }

  async function load() {
    if (!isDate(from.value) || !isDate(to.value)) {
      rangeError.value = 'Pick both dates.';
      return;
    }
    if (from.value > to.value) {
      rangeError.value = 'The start date is after the end date.';
      return;
    }
    rangeError.value = null;
    // Only the latest selection's answer may land: an earlier, slower request is cancelled.
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = null;
    try {
      data.value = await getDashboard({ from: from.value, to: to.value, teamId: teamId.value || null }, mine.signal);
    } catch (err) {
      if ((err as { name?: string }).name === 'AbortError') return;
      if (isApiError(err) && err.status === 400 && (err.field === 'from' || err.field === 'to')) rangeError.value = errorMessage(err);
      else if (isApiError(err) && err.status === 400 && err.field === 'teamId') {
        // The team is gone or no longer ours: fall back to all teams.
        teamId.value = '';
        void load();
      } else error.value = errorMessage(err);
    } finally {
      if (controller === mine) {
        loading.value = false;
        controller = null;
      }
    }
  }

  /** Whose data this is; another user (after sign-out and sign-in) starts from scratch. */
  const { claim, forget: forgetOwner } = ownedData(reset);

  function reset() {
    controller?.abort();
    data.value = null;
    teamId.value = '';
    preset.value = '7d';
    from.value = '';
    to.value = '';
  }

  /** After a session reset (stores/lifecycle.ts): the state is back; drop the request and the owner. */
  function afterReset() {
    controller?.abort();
    controller = null;
    forgetOwner();
  }

  return { preset, from, to, teamId, data, loading, error, rangeError, hasChats, applyPreset, load, reset, claim, afterReset };
});
