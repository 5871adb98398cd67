// @ts-check
import { h, present } from '../vote/dom.js';
import { ok, request } from '../admin/api.js';
import { contestTask } from './plan.js';
import { fileForm, statusArea } from './parts.js';
import { postOpeningFile, readMixOutputs } from './transfer.js';

/**
 * Opening the box on the trustee page, after the close: the trustee opens their share file with
 * their passphrase, and then, contest by contest as the poll finds them due, mixes the board or
 * the last mix with a proof while mixes are still needed and this trustee has not mixed, and
 * decrypts the last mix with proofs once the mixes are complete. The worker does the arithmetic
 * and reports the papers it has done.
 * @typedef {import('./app.js').Page} Page
 * @typedef {import('./plan.js').OpeningView} OpeningView
 * @typedef {import('./plan.js').ContestTask} ContestTask
 * @typedef {import('../../domain/crypto/elgamal').CiphertextJson} CiphertextJson
 * @typedef {{
 *   view?: OpeningView, task?: ContestTask, activity?: 'fetching' | 'mixing' | 'decrypting' | 'posting' | 'checking',
 *   done: number, of: number, posted?: 'mixed' | 'decrypted', papers: number, error?: unknown, stalled?: string,
 *   transfer?: { part: number, parts: number }, checked?: number, checkParts?: number,
 * }} ContestWork
 */

/** @param {Page} page */
export function openingPart(page) {
  const state = {
    shareOpened: false,
    openingFile: false,
    /** @type {string | undefined} */
    formProblem: undefined,
    /** @type {Map<string, ContestWork>} */
    contests: new Map(),
  };
  /** @type {{ form: HTMLElement, status: ReturnType<typeof statusArea>, list: HTMLElement, formShown: boolean | undefined } | undefined} */
  let parts;

  const election = () => `/elections/${encodeURIComponent(page.electionId())}`;
  const contestPath = (/** @type {string} */ contest) => `${election()}/opening/${encodeURIComponent(contest)}`;
  const work = (/** @type {string} */ contest) => {
    let found = state.contests.get(contest);
    if (found === undefined) state.contests.set(contest, (found = { done: 0, of: 0, papers: 0 }));
    return found;
  };
  const keyOf = (/** @type {ContestTask} */ task) => ('position' in task ? `${task.kind}:${task.position}` : task.kind);

  /** The ciphertexts of every paper on a contest's board, page after page. */
  async function board(/** @type {string} */ contest) {
    /** @type {CiphertextJson[][]} */
    const papers = [];
    let page = '';
    for (;;) {
      const answer = ok(await request('GET', `${election()}/board/${encodeURIComponent(contest)}${page}`));
      papers.push(...answer.papers.map((/** @type {{ ciphertexts: CiphertextJson[] }} */ paper) => paper.ciphertexts));
      if (typeof answer.next !== 'string') return papers;
      page = `?after=${answer.next}`;
    }
  }

  /** An API request's answer, once it succeeded. @type {import('./transfer.js').Call} */
  const call = async (method, path, body) => ok(await request(method, path, body));
  /** Shows the part of a file just sent or read, when the file travels in more than one. @param {ContestWork} current */
  const showTransfer = (current) => (/** @type {number} */ part, /** @type {number} */ parts) => {
    current.transfer = parts > 1 ? { part, parts } : undefined;
    page.render();
  };

  /** Shows how far the server's check of a large upload has come. @param {ContestWork} current */
  const showCheck = (current) => (/** @type {import('./transfer.js').OpeningCheck} */ check) => {
    Object.assign(current, { activity: 'checking', transfer: undefined, checked: check.checked, checkParts: check.parts });
    page.render();
  };

  /** The papers a mix at `position` takes: the board at 0, else the mix before it. */
  const mixOutputs = (/** @type {string} */ contest, /** @type {number} */ position, /** @type {ContestWork} */ current) =>
    readMixOutputs(call, `${contestPath(contest)}/mixes/${position}`, showTransfer(current));

  /** Set while a step runs: the poll, the share file's opening and a retry may each start one, and only one may take a contest's task. */
  let stepping = false;

  async function step() {
    if (stepping || !state.shareOpened) return;
    stepping = true;
    try {
      await stepContests();
    } finally {
      stepping = false;
    }
  }

  async function stepContests() {
    const contests = page.election().opening?.contests ?? [];
    for (const { id } of contests) {
      const current = work(id);
      current.view = ok(await request('GET', contestPath(id)));
      const task = contestTask(/** @type {OpeningView} */ (current.view), page.trustee());
      current.task = task;
      if (current.stalled !== undefined && current.stalled !== keyOf(task)) Object.assign(current, { stalled: undefined, error: undefined });
      page.render();
      if (current.stalled !== undefined) continue;
      if (task.kind === 'mix' || task.kind === 'decrypt') {
        await take(id, current, task);
        // One step per poll: the next one reads the views afresh.
        return;
      }
    }
  }

  /** @param {string} contest @param {ContestWork} current @param {ContestTask & { position: number }} task */
  async function take(contest, current, task) {
    const publicKey = /** @type {string} */ (page.election().electionKey);
    const progress = (/** @type {{ done: number, of: number }} */ { done, of }) => {
      Object.assign(current, { done, of });
      page.render();
    };
    try {
      Object.assign(current, { activity: 'fetching', posted: undefined, error: undefined, transfer: undefined });
      page.render();
      if (task.kind === 'mix') {
        const inputs = task.position === 0 ? await board(contest) : await mixOutputs(contest, task.position - 1, current);
        Object.assign(current, { activity: 'mixing', done: 0, of: inputs.length, transfer: undefined });
        page.render();
        const mix = await page.worker.run('mix', { contestId: contest, position: task.position, publicKey, inputs }, progress);
        current.activity = 'posting';
        page.render();
        await postOpeningFile(call, contestPath(contest), 'mixes', mix, showTransfer(current), { onCheck: showCheck(current) });
        Object.assign(current, { posted: 'mixed', papers: inputs.length });
      } else {
        const papers = await mixOutputs(contest, task.position, current);
        Object.assign(current, { activity: 'decrypting', done: 0, of: papers.length, transfer: undefined });
        page.render();
        const decryption = await page.worker.run('decrypt', { contestId: contest, papers }, progress);
        current.activity = 'posting';
        page.render();
        await postOpeningFile(call, contestPath(contest), 'decryptions', decryption, showTransfer(current), { onCheck: showCheck(current) });
        Object.assign(current, { posted: 'decrypted', papers: papers.length });
      }
    } catch (error) {
      Object.assign(current, { error, stalled: keyOf(task) });
    } finally {
      Object.assign(current, { activity: undefined, transfer: undefined });
      page.render();
    }
  }

  /** @param {File | undefined} file @param {string} passphrase */
  async function openShare(file, passphrase) {
    const m = page.t();
    state.formProblem = file === undefined ? m.fileMissing : undefined;
    if (file === undefined) return page.render();
    state.openingFile = true;
    page.render();
    try {
      const opened = await page.worker.run('openShare', { file: await file.text(), passphrase, electionId: page.electionId(), publicKey: /** @type {string} */ (page.election().electionKey) });
      if (!opened.ok) state.formProblem = m.fileFailures[opened.failed];
      else if (opened.trustee !== page.trustee()) state.formProblem = m.wrongTrustee(opened.trustee);
      else state.shareOpened = true;
    } catch (error) {
      state.formProblem = error instanceof Error ? error.message : String(error);
    } finally {
      state.openingFile = false;
      page.render();
    }
    if (state.shareOpened) await step().catch(() => page.render());
  }

  function mount() {
    const m = page.t();
    parts = { form: h('div', { class: 'task' }), status: statusArea(), list: h('ul', { class: 'contests', 'aria-label': m.contestsTitle }), formShown: undefined };
    render();
    return [h('p', {}, m.openingIntro), parts.form, parts.status.element, parts.list];
  }

  function render() {
    if (parts === undefined) return;
    const m = page.t();
    const formShown = !state.shareOpened && !state.openingFile;
    if (formShown !== parts.formShown || state.formProblem !== undefined) {
      parts.formShown = formShown;
      parts.form.replaceChildren(
        ...present(
          formShown &&
            fileForm({
              id: 'share',
              title: m.shareFormTitle,
              body: m.shareFormBody,
              fileLabel: m.shareFileLabel,
              passphraseLabel: m.passphraseEnterLabel,
              button: m.openShareButton,
              problem: state.formProblem,
              onSubmit: (file, passphrase) => void openShare(file, passphrase),
            }),
        ),
      );
      state.formProblem = undefined;
    }
    const contests = page.election().opening?.contests ?? [];
    const allOpened = contests.length > 0 && contests.every((contest) => contest.next === 'opened');
    parts.status.show(
      present(
        state.openingFile && h('p', { class: 'busy working', role: 'status' }, m.openingFile),
        state.shareOpened && h('p', { class: 'found' }, m.shareOpened),
        allOpened && h('p', { class: 'found' }, m.allDone),
      ),
    );
    const titles = new Map(page.election().contests.map((contest) => [contest.id, contest.title]));
    parts.list.replaceChildren(...contests.map((contest) => contestItem(contest.id, titles.get(contest.id) ?? contest.id, contest)));
  }

  /** @param {string} id @param {string} title @param {import('./app.js').OpeningContest} summary */
  function contestItem(id, title, summary) {
    const m = page.t();
    const current = work(id);
    const view = current.view;
    const facts = view
      ? m.contestFacts(view.mixes.length, view.mixesNeeded, view.decryptions.length, view.threshold)
      : m.contestFacts(summary.mixes, summary.mixesNeeded, summary.decryptions.length, summary.threshold);
    const task = current.task;
    /** @type {string | null} */
    let line = null;
    if (current.activity === 'fetching') line = current.transfer ? m.fetchedPart(current.transfer.part, current.transfer.parts) : m.fetching;
    else if (current.activity === 'mixing') line = m.mixing(current.of);
    else if (current.activity === 'decrypting') line = m.decrypting(current.done, current.of);
    else if (current.activity === 'posting') line = current.transfer ? m.sentPart(current.transfer.part, current.transfer.parts) : m.posting;
    else if (current.activity === 'checking') line = m.serverChecks(current.checked ?? 0, current.checkParts);
    else if (summary.next === 'opened' || task?.kind === 'opened') line = m.opened;
    else if (current.posted === 'mixed' && task?.kind !== 'decrypt') line = m.mixed(current.papers);
    else if (current.posted === 'decrypted' || task?.kind === 'wait-decryptions') line = current.posted === 'decrypted' ? m.decrypted(current.papers) : m.waitingDecryptions;
    else if (task?.kind === 'wait-mixes') line = m.waitingMixes;
    else if (task?.kind === 'enough') line = m.enough;
    return h(
      'li',
      { class: 'contest', 'data-contest': id },
      ...present(
        h('h3', {}, title),
        h('p', { class: 'facts' }, facts),
        line && h('p', { class: current.activity ? 'busy working' : 'progress' }, line),
        current.error !== undefined && page.problem(current.error),
        current.stalled !== undefined &&
          h(
            'div',
            { class: 'actions' },
            h('button', { type: 'button', class: 'secondary', onclick: () => (Object.assign(current, { stalled: undefined, error: undefined }), void step().catch(() => page.render())) }, m.retry),
          ),
      ),
    );
  }

  return { mount, render, step };
}
