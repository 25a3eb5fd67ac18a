/** The petition form on a building's page: category, description, photos, contact or anonymity. */
import { ApiError, graphql, uploadPhoto } from './api.js';
import { h, replace, uid, type Child } from './dom.js';
import { fieldSentences, sentenceFor } from './messages.js';
import { SUBMIT, type Category, type MajorCategory, type SubmittedPetition } from './operations.js';
import { downscale } from './photo.js';
import { LIMITS, submitInput, validateDraft, type FormField, type PetitionDraft } from './validation.js';

export interface PetitionFormOptions {
  qrToken: string;
  majors: MajorCategory[];
  onSubmitted(result: SubmittedPetition): void;
}

/** A picked photo: shrunk once when picked, uploaded once (a retry after a failed submit reuses the id). */
interface Photo {
  blob: Blob;
  previewUrl: string;
  attachmentId?: string;
}

interface Field {
  wrap: HTMLElement;
  error: HTMLElement;
  control: HTMLElement;
}

/** A labelled control with its hint and the place its error is shown (tied by aria-describedby). */
function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: Child): Field {
  const id = control.id || uid('f');
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), hintEl, control, error);
  return { wrap, error, control };
}

function showError(f: Field, message: string | undefined): void {
  f.error.textContent = message ?? '';
  f.error.hidden = !message;
  if (message) f.control.setAttribute('aria-invalid', 'true');
  else f.control.removeAttribute('aria-invalid');
}

export function petitionForm(opts: PetitionFormOptions): HTMLElement {
  const categories = new Map<string, Category>();
  for (const major of opts.majors) for (const c of major.categories) categories.set(c.key, c);
  const photos: Photo[] = [];
  let busy = false;
  /** Photos being shrunk: a submit waits for them rather than going without. */
  let shrinking: Promise<void> = Promise.resolve();
  /** Progress on a slow network (shrinking photos, uploading 1/3…), read out by screen readers. */
  const statusLine = h('p', { class: 'status', role: 'status' });
  const status = (text: string) => (statusLine.textContent = text);

  // ---- category: major, then minor ----
  const major = h('select', { name: 'major' }, h('option', { value: '' }, '请选择问题大类'), ...opts.majors.map((m) => h('option', { value: m.key }, m.nameZh)));
  const minor = h('select', { name: 'category', disabled: true }, h('option', { value: '' }, '请先选择大类'));
  const majorField = field('问题大类', major);
  const categoryField = field('问题小类', minor);
  major.addEventListener('change', () => {
    const chosen = opts.majors.find((m) => m.key === major.value);
    replace(minor, h('option', { value: '' }, chosen ? '请选择问题小类' : '请先选择大类'), ...(chosen?.categories ?? []).map((c) => h('option', { value: c.key }, c.nameZh)));
    minor.disabled = !chosen;
    updateAnonymity();
  });
  minor.addEventListener('change', () => {
    showError(categoryField, undefined);
    updateAnonymity();
  });

  // ---- title and description ----
  const title = h('input', { type: 'text', name: 'title', maxlength: LIMITS.title, autocomplete: 'off' });
  const titleField = field('标题（选填）', title, `一句话概括，最多 ${LIMITS.title} 字`);
  const description = h('textarea', { name: 'description', rows: 5, maxlength: LIMITS.description, required: true });
  const counter = h('span', { class: 'counter', 'aria-live': 'off' }, `0/${LIMITS.description}`);
  const descriptionField = field('问题描述', description, h('span', {}, '请写清楚什么问题、在哪里、持续多久了 ', counter));
  description.addEventListener('input', () => (counter.textContent = `${description.value.length}/${LIMITS.description}`));

  // ---- photos ----
  const picker = h('input', { type: 'file', name: 'photos', accept: 'image/*', multiple: true });
  const photosField = field('照片（选填）', picker, `最多 ${LIMITS.photos} 张，上传前会自动压缩`);
  const thumbs = h('ul', { class: 'thumbs', 'aria-label': '已选照片' });
  photosField.wrap.appendChild(thumbs);
  const renderThumbs = () => {
    replace(
      thumbs,
      ...photos.map((p, i) =>
        h(
          'li',
          {},
          h('img', { src: p.previewUrl, alt: `第 ${i + 1} 张照片` }),
          h('button', { type: 'button', class: 'link', 'aria-label': `删除第 ${i + 1} 张照片`, onclick: () => removePhoto(i) }, '删除'),
        ),
      ),
    );
    picker.disabled = photos.length >= LIMITS.photos;
  };
  const removePhoto = (i: number) => {
    const [gone] = photos.splice(i, 1);
    if (gone) URL.revokeObjectURL(gone.previewUrl);
    renderThumbs();
    picker.focus();
  };
  picker.addEventListener('change', () => {
    const files = Array.from(picker.files ?? []);
    picker.value = ''; // the same photo may be picked again after removing it
    const room = LIMITS.photos - photos.length;
    showError(photosField, files.length > room ? `最多 ${LIMITS.photos} 张照片，多选的没有添加。` : undefined);
    picker.disabled = true;
    status('正在处理照片…');
    shrinking = shrinking.then(async () => {
      for (const file of files.slice(0, room)) {
        const blob = await downscale(file);
        photos.push({ blob, previewUrl: URL.createObjectURL(blob) });
      }
      status('');
      renderThumbs();
    });
  });

  // ---- contact or anonymity ----
  const anonymous = h('input', { type: 'checkbox', name: 'anonymous', id: uid('anon') });
  const anonymousHint = h('p', { class: 'hint', id: `${anonymous.id}-hint` });
  anonymous.setAttribute('aria-describedby', anonymousHint.id);
  const anonymousWrap = h('div', { class: 'field check' }, h('label', { for: anonymous.id }, anonymous, ' 匿名提交（不留姓名和电话）'), anonymousHint);
  const name = h('input', { type: 'text', name: 'name', maxlength: LIMITS.name, autocomplete: 'name' });
  const nameField = field('姓名', name);
  const phone = h('input', { type: 'tel', name: 'phone', inputmode: 'tel', autocomplete: 'tel', maxlength: 20 });
  const phoneField = field('联系电话', phone, '仅办理人员可见，对外显示时会隐去部分号码');
  const contact = h('fieldset', { class: 'contact' }, h('legend', {}, '联系方式'), nameField.wrap, phoneField.wrap);
  anonymous.addEventListener('change', () => {
    contact.hidden = anonymous.checked;
    showError(nameField, undefined);
    showError(phoneField, undefined);
  });
  function updateAnonymity() {
    const chosen = categories.get(minor.value);
    const allowed = Boolean(chosen?.anonymousAllowed);
    anonymous.disabled = !allowed;
    if (!allowed) anonymous.checked = false;
    contact.hidden = anonymous.checked;
    anonymousHint.textContent = !chosen ? '选择问题类型后可知能否匿名。' : allowed ? '匿名提交后无法接到办理人员的回访电话。' : '这类问题办理时需要联系您本人，不能匿名提交。';
  }
  updateAnonymity();

  // ---- submit ----
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交诉求');
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true, tabindex: -1 });
  /** The form's fields in the order they appear: the first with a problem gets the focus. */
  const ordered: [FormField | 'major', Field][] = [
    ['major', majorField],
    ['category', categoryField],
    ['description', descriptionField],
    ['title', titleField],
    ['photos', photosField],
    ['name', nameField],
    ['phone', phoneField],
  ];

  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'form-title' },
    h('h2', { id: 'form-title' }, '我要反映问题'),
    majorField.wrap,
    categoryField.wrap,
    descriptionField.wrap,
    titleField.wrap,
    photosField.wrap,
    anonymousWrap,
    contact,
    alert,
    submit,
    statusLine,
  );

  /** Shows each problem at its field (a missing category at the major picker while none is picked) and focuses the first. */
  const showProblems = (problems: Partial<Record<FormField, string>>, summary?: string) => {
    const at: Partial<Record<FormField | 'major', string>> = { ...problems };
    if (at.category && !major.value) [at.major, at.category] = [at.category, undefined];
    for (const [key, f] of ordered) showError(f, at[key]);
    const first = ordered.find(([key]) => at[key]);
    alert.textContent = summary ?? (first ? '请按提示修改后再提交。' : '');
    alert.hidden = !alert.textContent;
    if (first) first[1].control.focus();
    else if (!alert.hidden) alert.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return; // one submission at a time: a double tap must not file twice
    busy = true;
    submit.disabled = true;
    try {
      await shrinking;
      await send();
    } finally {
      busy = false;
      submit.disabled = false;
    }
  });

  async function send(): Promise<void> {
    const draft: PetitionDraft = {
      category: minor.value,
      title: title.value,
      description: description.value,
      anonymous: anonymous.checked,
      name: name.value,
      phone: phone.value,
      photos: photos.length,
    };
    const category = categories.get(draft.category);
    const problems = validateDraft(draft, category);
    showProblems(problems);
    if (Object.values(problems).some(Boolean)) return;

    try {
      const attachmentIds: string[] = [];
      for (const [i, p] of photos.entries()) {
        status(`正在上传第 ${i + 1}/${photos.length} 张照片…`);
        p.attachmentId ??= await uploadPhoto(p.blob);
        attachmentIds.push(p.attachmentId);
      }
      status('正在提交…');
      const result = await graphql<{ submitPetition: SubmittedPetition }>(SUBMIT, { input: submitInput(draft, category, opts.qrToken, attachmentIds) });
      status('');
      for (const p of photos) URL.revokeObjectURL(p.previewUrl);
      opts.onSubmitted(result.submitPetition);
    } catch (err) {
      status('');
      const e = err instanceof ApiError ? err : new ApiError('INTERNAL', undefined, String(err));
      // The service found an attachment missing or unfit: upload afresh on the next try.
      if (e.reason?.startsWith('ATTACHMENT_')) for (const p of photos) p.attachmentId = undefined;
      showProblems(fieldSentences(e.fields), sentenceFor(e, { notFound: '二维码对应的楼栋已不存在，请扫描楼栋门口最新张贴的二维码。' }));
    }
  }
  return form;
}
