// @ts-check
import { h, present } from '../vote/dom.js';
import { ok, request } from '../admin/api.js';
import { ceremonyTask } from './plan.js';
import { fileForm, statusArea } from './parts.js';

/**
 * The key ceremony on the trustee page, after GET /elections/{id}/ceremony: step 1, the
 * certificate, when the trustee has chosen a passphrase (the transport secret is offered at once
 * as a file sealed with it); step 2, the dealing, once every certificate is in; step 3, the
 * review, once every dealing is in, which gives the share file. Steps 2 and 3 are taken as soon
 * as the poll finds them due. A tab reopened mid-ceremony continues from the transport-secret
 * file; a ceremony that started over asks for a new certificate.
 * @typedef {import('./app.js').Page} Page
 * @typedef {import('./plan.js').CeremonyView} CeremonyView
 * @typedef {import('./plan.js').CeremonyTask} CeremonyTask
 * @typedef {import('./i18n.js').FileFailure} FileFailure
 * @typedef {import('../../domain/crypto/keyCeremony').CeremonyFailure} CeremonyFailure
 */

/** A passphrase shorter than this is refused before any file is sealed with it. */
const MIN_PASSPHRASE = 12;

/** @param {Page} page */
export function ceremonyPart(page) {
  const state = {
    /** @type {CeremonyView | undefined} */
    ceremony: undefined,
    /** @type {CeremonyTask | undefined} */
    task: undefined,
    /** The transport key whose secret the worker holds. */
    /** @type {string | undefined} */
    heldTransportKey: undefined,
    /** The last transport key of this trustee seen in the ceremony: its disappearance means the ceremony started over. */
    /** @type {string | undefined} */
    acceptedTransportKey: undefined,
    /** @type {string | undefined} */
    transportFile: undefined,
    /** @type {string | undefined} */
    shareFile: undefined,
    /** The election key the share file was sealed for. */
    /** @type {string | undefined} */
    sealedKey: undefined,
    /** @type {'certifying' | 'dealing' | 'reviewing' | 'openingFile' | undefined} */
    activity: undefined,
    /** A refusal or a failed job, shown until the ceremony moves on. @type {unknown} */
    error: undefined,
    /** @type {CeremonyFailure | undefined} */
    checkFailure: undefined,
    /** The task that failed: not taken again until the ceremony moves on or the trustee asks. @type {string | undefined} */
    stalled: undefined,
    /** What the form says is wrong with what was entered. @type {string | undefined} */
    formProblem: undefined,
    complained: false,
  };
  /** @type {{ files: HTMLElement, form: HTMLElement, status: ReturnType<typeof statusArea>, formKind: string | undefined } | undefined} */
  let parts;

  const base = () => `/elections/${encodeURIComponent(page.electionId())}/ceremony`;
  const me = () => page.trustee();
  const keyOf = (/** @type {CeremonyTask} */ task) => ('step' in task ? `${task.kind}:${task.step}` : task.kind);
  const context = () => {
    const trustees = page.trustees();
    return { electionId: page.electionId(), threshold: state.ceremony?.threshold ?? trustees.threshold, trustees: state.ceremony?.trustees ?? trustees.count };
  };

  /** Takes the ceremony view the server gave (a read or the answer to a post) and what it makes the next task. */
  const adopt = (/** @type {CeremonyView} */ ceremony) => {
    state.ceremony = ceremony;
    const task = ceremonyTask(ceremony, me(), { held: state.heldTransportKey, accepted: state.acceptedTransportKey });
    state.acceptedTransportKey = ceremony.certificates.find((certificate) => certificate.trustee === me())?.transportKey ?? state.acceptedTransportKey;
    if (state.stalled !== undefined && state.stalled !== keyOf(task)) Object.assign(state, { stalled: undefined, error: undefined, checkFailure: undefined });
    state.task = task;
  };

  /** @param {'certificates' | 'dealings' | 'reviews'} list @param {unknown} message */
  const post = async (list, message) => adopt(ok(await request('POST', `${base()}/${list}`, message)));

  /** @param {unknown} error */
  const fail = (error) => {
    state.error = error;
    state.stalled = state.task && keyOf(state.task);
  };

  /** Set while a step runs: the poll and a retry may each start one, and only one may deal or review. */
  let stepping = false;

  async function step() {
    if (stepping) return;
    stepping = true;
    try {
      await stepCeremony();
    } finally {
      stepping = false;
    }
  }

  async function stepCeremony() {
    const electionKey = page.election().electionKey;
    if (electionKey) {
      state.task = { kind: 'complete', publicKey: electionKey };
      return page.render();
    }
    adopt(ok(await request('GET', base())));
    page.render();
    if (state.stalled !== undefined || state.activity !== undefined) return;
    if (state.task?.kind === 'deal') await deal();
    else if (state.task?.kind === 'review') await review();
  }

  async function deal() {
    const certificates = state.ceremony?.certificates ?? [];
    state.activity = 'dealing';
    page.render();
    try {
      const dealt = await page.worker.run('deal', { certificates });
      if (!dealt.ok) {
        state.checkFailure = dealt.failed;
        state.stalled = state.task && keyOf(state.task);
        return;
      }
      await post('dealings', dealt.dealing);
    } catch (error) {
      fail(error);
    } finally {
      state.activity = undefined;
      page.render();
    }
  }

  async function review() {
    const { certificates = [], dealings = [] } = state.ceremony ?? {};
    state.activity = 'reviewing';
    page.render();
    try {
      const reviewed = await page.worker.run('review', { certificates, dealings });
      if (!reviewed.ok) {
        state.checkFailure = reviewed.failed;
        state.stalled = state.task && keyOf(state.task);
        return;
      }
      // The file is offered before the review is posted: once the review is in, the share exists nowhere else.
      if (reviewed.shareFile !== null) Object.assign(state, { shareFile: reviewed.shareFile, sealedKey: reviewed.publicKey });
      state.complained = reviewed.review.outcome === 'complained';
      page.render();
      await post('reviews', reviewed.review);
    } catch (error) {
      fail(error);
    } finally {
      state.activity = undefined;
      page.render();
    }
  }

  /** @param {string} passphrase @param {string} again */
  async function certify(passphrase, again) {
    const m = page.t();
    state.formProblem = passphrase.length < MIN_PASSPHRASE ? m.passphraseShort : passphrase !== again ? m.passphraseMismatch : undefined;
    if (state.formProblem !== undefined) return page.render();
    Object.assign(state, { activity: 'certifying', error: undefined, stalled: undefined, complained: false, shareFile: undefined, sealedKey: undefined });
    page.render();
    try {
      const { certificate, transportSecretFile } = await page.worker.run('certify', { context: context(), trustee: me(), passphrase });
      Object.assign(state, { heldTransportKey: certificate.transportKey, transportFile: transportSecretFile });
      page.render();
      await post('certificates', certificate);
    } catch (error) {
      fail(error);
    } finally {
      state.activity = undefined;
      page.render();
    }
  }

  /** @param {File | undefined} file @param {string} passphrase */
  async function resume(file, passphrase) {
    const mine = state.ceremony?.certificates.find((certificate) => certificate.trustee === me());
    state.formProblem = file === undefined ? page.t().fileMissing : undefined;
    if (file === undefined || mine === undefined) return page.render();
    state.activity = 'openingFile';
    page.render();
    try {
      const resumed = await page.worker.run('resume', { context: context(), trustee: me(), passphrase, certificate: mine, file: await file.text() });
      if (resumed.ok) {
        state.heldTransportKey = mine.transportKey;
        if (state.ceremony) adopt(state.ceremony);
      } else state.formProblem = page.t().fileFailures[resumed.failed];
    } catch (error) {
      fail(error);
    } finally {
      state.activity = undefined;
      page.render();
    }
  }

  function mount() {
    const m = page.t();
    parts = { files: h('div', { class: 'files' }), form: h('div', { class: 'task' }), status: statusArea(), formKind: undefined };
    render();
    return [h('p', {}, m.ceremonyIntro), parts.status.element, parts.files, parts.form];
  }

  function render() {
    if (parts === undefined) return;
    const m = page.t();
    const task = state.task;
    const formKind = state.activity === undefined && (task?.kind === 'certify' || task?.kind === 'resume') ? task.kind : undefined;
    if (formKind !== parts.formKind || state.formProblem !== undefined) {
      parts.formKind = formKind;
      parts.form.replaceChildren(...present(formKind === 'certify' && certifyForm(), formKind === 'resume' && resumeForm()));
    }
    parts.files.replaceChildren(...present(filesPart()));
    parts.status.show(statusLines(m));
  }

  /** @param {import('./i18n.js').Messages} m */
  function statusLines(m) {
    const task = state.task;
    const ceremony = state.ceremony;
    const mine = (/** @type {{ trustee?: number, dealer?: number }[]} */ list) => list.some((message) => (message.trustee ?? message.dealer) === me());
    /** @type {Record<string, import('./i18n.js').CeremonyStep>} */
    const stepOf = { certify: 'certificates', resume: 'certificates', deal: 'dealings', review: 'reviews', verifying: 'reviews' };
    const shownStep = task && ('step' in task ? task.step : stepOf[task.kind]);
    const failure = page.election().ceremony?.lastFailure;
    const check = state.checkFailure;
    return present(
      shownStep && h('p', { class: 'step' }, m.stepLabel(shownStep)),
      task?.kind === 'certify' && task.restarted && h('p', { class: 'warning' }, m.restarted),
      failure && task?.kind !== 'complete' && h('p', { class: 'error' }, `${m.ceremonyFailed}${m.inEnglish ? ` ${m.inEnglish}` : ''} `, h('span', { lang: 'en' }, failureText(failure))),
      ceremony && task?.kind !== 'certify' && task?.kind !== 'complete' && mine(ceremony.certificates) && h('p', { class: 'found' }, m.certificatePosted),
      ceremony && task?.kind !== 'complete' && mine(ceremony.dealings) && h('p', { class: 'found' }, m.dealingPosted),
      ceremony && task?.kind !== 'complete' && mine(ceremony.reviews) && h('p', { class: 'found' }, m.reviewPosted),
      state.complained && h('p', { class: 'warning' }, m.complained),
      state.activity && state.activity !== 'openingFile' && h('p', { class: 'busy working', role: 'status' }, m[state.activity]),
      state.activity === 'openingFile' && h('p', { class: 'busy working', role: 'status' }, m.openingFile),
      task?.kind === 'wait' && h('p', { class: 'waiting' }, m.waitingFor(task.step, task.waitingFor.map(page.trusteeName))),
      task?.kind === 'verifying' && h('p', {}, m.verifying),
      task?.kind === 'complete' &&
        h(
          'div',
          { class: 'complete' },
          h('p', { class: 'found' }, m.complete),
          h('code', { class: 'digest', id: 'election-key' }, task.publicKey),
          state.sealedKey && h('p', { class: state.sealedKey === task.publicKey ? 'found' : 'error' }, state.sealedKey === task.publicKey ? m.keyMatches : m.keyDiffers),
          h('p', {}, m.waitingForClose),
        ),
      check && h('div', { class: 'failure', role: 'alert' }, h('p', { class: 'error' }, m.checkFailed), h('p', { lang: 'en' }, failureText(check))),
      state.error !== undefined && page.problem(state.error),
      state.stalled !== undefined &&
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', onclick: () => (Object.assign(state, { stalled: undefined, error: undefined, checkFailure: undefined }), void step()) }, m.retry),
        ),
    );
  }

  /** The file the trustee should save now: the share file once there is one, before it the transport-secret file; none in a ceremony that started over, which makes both useless. */
  function offeredFile() {
    if (state.task?.kind === 'certify') return undefined;
    if (state.shareFile !== undefined) return { kind: /** @type {const} */ ('share'), text: state.shareFile };
    if (state.transportFile !== undefined && state.task?.kind !== 'complete') return { kind: /** @type {const} */ ('transport'), text: state.transportFile };
    return undefined;
  }

  function filesPart() {
    const m = page.t();
    const offered = offeredFile();
    if (offered === undefined) return null;
    const { threshold, count } = page.trustees();
    const [title, body, name, link] =
      offered.kind === 'share'
        ? [m.shareFileTitle, m.shareFileBody(threshold, count), m.shareFileName(page.electionId(), me()), m.shareFileLink]
        : [m.transportFileTitle, m.transportFileBody, m.transportFileName(page.electionId(), me()), m.transportFileLink];
    return h('section', { class: 'file-offer', 'aria-labelledby': 'file-offer-title' }, h('h3', { id: 'file-offer-title' }, title), h('p', {}, body), page.download(offered.text, name, link));
  }

  /** Whether a file is offered that the trustee has not saved yet: leaving the page then would lose its secret. */
  function offersUnsavedFile() {
    const offered = offeredFile();
    return offered !== undefined && !page.saved(offered.text);
  }

  function certifyForm() {
    const m = page.t();
    const passphrase = h('input', { type: 'password', id: 'passphrase', autocomplete: 'new-password', 'aria-describedby': 'passphrase-hint passphrase-error' });
    const again = h('input', { type: 'password', id: 'passphrase-again', autocomplete: 'new-password' });
    const form = h(
      'form',
      { novalidate: true, class: 'passphrase' },
      h('label', { for: 'passphrase' }, m.passphraseLabel),
      h('p', { id: 'passphrase-hint', class: 'hint' }, m.passphraseHint),
      passphrase,
      h('label', { for: 'passphrase-again' }, m.passphraseRepeatLabel),
      again,
      h('p', { id: 'passphrase-error', class: 'error', role: 'alert' }, state.formProblem ?? ''),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, m.certifyButton)),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void certify(passphrase.value, again.value);
    });
    state.formProblem = undefined;
    return form;
  }

  function resumeForm() {
    const m = page.t();
    const form = fileForm({
      id: 'transport',
      title: m.resumeTitle,
      body: m.resumeBody,
      fileLabel: m.resumeFileLabel,
      passphraseLabel: m.passphraseEnterLabel,
      button: m.resumeButton,
      problem: state.formProblem,
      onSubmit: (file, passphrase) => void resume(file, passphrase),
    });
    state.formProblem = undefined;
    return form;
  }

  return { mount, render, step, offersUnsavedFile };
}

/**
 * A failure of the ceremony as the domain names it, in its English: the step, whose message, the field and why.
 * @param {CeremonyFailure} failure
 */
const failureText = ({ step, trustee, field, reason }) => `the ${step} of trustee ${trustee ?? '?'}: ${field} ${reason}`;
