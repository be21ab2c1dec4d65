// The dashboard's selection (range preset or custom dates, team) and its data. A setup store in
// the feature folder so it ships in the dashboard's lazy chunk; the selection survives leaving
// and coming back to the page.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DashboardDto, ReportsDto, SetupDto } from '../../../../shared/types/dashboard';
import { errorMessage, getDashboard, getReports, getSetup, isApiError } from '../../api';
import { ownedData } from '../../stores/owned';
import { isDate, presetRange, todayIn, type RangePreset } from './format';

export const useDashboardStore = defineStore('dashboard', () => {
  const preset = ref<RangePreset>('7d');
  const from = ref('');
  const to = ref('');
  const teamId = ref('');
  /** Only chats carrying this label ('' for every chat). */
  const label = ref('');
  const data = ref<DashboardDto | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** A 400 about the range (e.g. over 366 days) is shown next to the date inputs. */
  const rangeError = ref<string | null>(null);

  let controller: AbortController | null = null;

  /** Supervisors' and admins' reports for the same selection; loaded only when `withReports`. */
  const withReports = ref(false);
  const reports = ref<ReportsDto | null>(null);
  const reportsError = ref<string | null>(null);
  /** The first-run checklist, fetched when the range has no chats (a new organization has none). */
  const setup = ref<SetupDto | null>(null);
  let reportsController: AbortController | null = null;
  /** Nothing ever happened in this organization: the checklist replaces the empty charts. */
  const firstRun = computed(() => data.value !== null && !hasChats.value && setup.value !== null && !setup.value.hasChats);

  async function loadReports() {
    reportsController?.abort();
    const mine = new AbortController();
    reportsController = mine;
    reportsError.value = null;
    try {
      reports.value = await getReports({ from: from.value, to: to.value, teamId: teamId.value || null, ...(label.value ? { label: label.value } : {}) }, mine.signal);
    } catch (err) {
      if ((err as { name?: string }).name === 'AbortError') return;
      reportsError.value = errorMessage(err);
    } finally {
      if (reportsController === mine) reportsController = null;
    }
  }

  async function loadSetup() {
    try {
      setup.value = await getSetup();
    } catch {
      // The checklist is a nicety: without it the page shows the plain empty state.
      setup.value = null;
    }
  }

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
    if (withReports.value) void loadReports();
    try {
      data.value = await getDashboard({ from: from.value, to: to.value, teamId: teamId.value || null, ...(label.value ? { label: label.value } : {}) }, mine.signal);
      if (data.value.totals.chats === 0) await loadSetup();
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
    reportsController?.abort();
    data.value = null;
    reports.value = null;
    reportsError.value = null;
    setup.value = null;
    withReports.value = false;
    teamId.value = '';
    preset.value = '7d';
    from.value = '';
    to.value = '';
  }

  /** After a session reset (stores/lifecycle.ts): the state is back; drop the request and the owner. */
  function afterReset() {
    controller?.abort();
    controller = null;
    reportsController?.abort();
    reportsController = null;
    forgetOwner();
  }

  return {
    preset,
    from,
    to,
    teamId,
    label,
    data,
    loading,
    error,
    rangeError,
    hasChats,
    withReports,
    reports,
    reportsError,
    setup,
    firstRun,
    applyPreset,
    load,
    loadReports,
    reset,
    claim,
    afterReset,
  };
});
