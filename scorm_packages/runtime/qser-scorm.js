/*
 * Q-SER course pages: shows one page section at a time (no reload, so the SCORM session
 * lives as long as the launch document), runs the knowledge check, bookmarks the page and
 * keeps the answers through QSERLms. Works without an LMS ("preview mode") and without
 * JavaScript (all sections are shown, links jump between them).
 */
(function () {
  'use strict';

  var root = document.documentElement;
  var STANDARD = root.getAttribute('data-standard') || 'none';
  var TEXT = JSON.parse(document.getElementById('qser-strings').textContent);
  var sections = Array.prototype.slice.call(document.querySelectorAll('.qser-page'));
  var single = sections.length > 1;
  var form = document.getElementById('quiz-form');
  var questions = form ? Array.prototype.slice.call(form.querySelectorAll('fieldset.question')) : [];
  var result = document.getElementById('quiz-result');
  var moduleTitle = document.title;
  var KEY = JSON.parse((document.getElementById('qser-key') || { textContent: '{}' }).textContent);
  var maxAttempts = Number(KEY.attempts || 3);
  var state = { page: sections.length ? sections[0].getAttribute('data-page') : '', checked: false, attempts: 0 };
  var lms = null;
  var mastery = Number(root.getAttribute('data-mastery') || '0');

  root.classList.add('js');

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return values.hasOwnProperty(key) ? String(values[key]) : all;
    });
  }

  function inputs(fieldset) {
    return Array.prototype.slice.call(fieldset.querySelectorAll('input'));
  }

  function section(slug) {
    for (var i = 0; i < sections.length; i += 1) {
      if (sections[i].getAttribute('data-page') === slug) { return sections[i]; }
    }
    return null;
  }

  /* Show the page `slug` (first page if unknown); move focus to its heading if asked. */
  function show(slug, focus) {
    var target = section(slug) || sections[0];
    var heading = target.querySelector('h1');
    sections.forEach(function (s) { s.hidden = s !== target; });
    state.page = target.getAttribute('data-page');
    document.querySelectorAll('[data-toc]').forEach(function (link) {
      if (link.getAttribute('data-toc') === state.page) { link.setAttribute('aria-current', 'page'); } else { link.removeAttribute('aria-current'); }
    });
    document.title = heading.textContent + ' – ' + moduleTitle;
    closeToc();
    if (focus) {
      window.scrollTo(0, 0);
      heading.focus();
    }
  }

  function answers() {
    var out = {};
    questions.forEach(function (fieldset) {
      var chosen = inputs(fieldset).filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
      if (chosen.length) { out[fieldset.getAttribute('data-question')] = chosen; }
    });
    return out;
  }

  function setAnswers(saved) {
    questions.forEach(function (fieldset) {
      var chosen = saved[fieldset.getAttribute('data-question')] || [];
      inputs(fieldset).forEach(function (i) { i.checked = chosen.indexOf(Number(i.value)) >= 0; });
    });
  }

  function letters(list) {
    return list.map(function (i) { return 'abcdefghij'.charAt(Number(i)); });
  }

  function chosenIndexes(fieldset) {
    return inputs(fieldset).filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
  }

  /* True once the option feedback may be shown: the learner passed or has no attempt left. */
  function revealed(graded) {
    return graded.passed || state.attempts >= maxAttempts;
  }

  /* Score every question: right only when the chosen options hash to the question's key. */
  function grade() {
    var results = questions.map(function (fieldset, index) {
      var id = fieldset.getAttribute('data-question');
      var chosen = chosenIndexes(fieldset);
      return {
        id: id, number: index + 1, fieldset: fieldset, chosen: letters(chosen), indexes: chosen,
        right: chosen.length > 0 && window.QSERKey.matches(KEY.salt, id, chosen, KEY.questions[id].h)
      };
    });
    var right = results.filter(function (r) { return r.right; }).length;
    var score = results.length ? Math.round((100 * right) / results.length) : 0;
    return { results: results, right: right, score: score, passed: score >= mastery };
  }

  /* Find each question's key (the learner's answer when right) and note it on the result. */
  function unlock(graded) {
    graded.results.forEach(function (r) {
      var entry = KEY.questions[r.id];
      r.key = r.right ? r.indexes : window.QSERKey.recover(KEY.salt, r.id, inputs(r.fieldset).length, entry.h);
      r.correct = letters(r.key || []);
    });
  }

  function showOptionFeedback(r) {
    var entry = KEY.questions[r.id];
    inputs(r.fieldset).forEach(function (input, index) {
      var note = document.getElementById(input.id + '-feedback');
      note.textContent = window.QSERKey.open(KEY.salt, r.id, r.key, entry.f[index]);
      note.hidden = !input.checked;
      note.className = 'feedback ' + (r.key.indexOf(index) >= 0 ? 'is-right' : 'is-wrong');
      if (input.checked) { input.setAttribute('aria-describedby', note.id); } else { input.removeAttribute('aria-describedby'); }
    });
  }

  function lock() {
    questions.forEach(function (fieldset) { inputs(fieldset).forEach(function (i) { i.disabled = true; }); });
    form.querySelector('button[type=submit]').disabled = true;
  }

  /* Mark each question right or wrong; show option feedback only once it is revealed. */
  function showFeedback(graded) {
    var open = revealed(graded);
    if (open) { unlock(graded); }
    graded.results.forEach(function (r) {
      var verdict = r.fieldset.querySelector('.verdict');
      verdict.textContent = r.right ? TEXT.correct : TEXT.incorrect;
      verdict.className = 'verdict ' + (r.right ? 'is-right' : 'is-wrong');
      verdict.hidden = false;
      if (open && r.key) { showOptionFeedback(r); }
    });
    var lines = [fill(TEXT.result, { right: graded.right, total: graded.results.length, score: graded.score }),
      fill(graded.passed ? TEXT.passed : TEXT.failed, { mastery: mastery })];
    if (!graded.passed) {
      lines.push(open ? TEXT.no_attempts_left : fill(TEXT.attempts_left, { left: maxAttempts - state.attempts }));
    }
    if (STANDARD === 'none') { lines.push(TEXT.not_recorded); }
    result.textContent = lines.join(' ');
    if (open) { lock(); }
  }

  function clearFeedback() {
    questions.forEach(function (fieldset) {
      fieldset.querySelector('.verdict').hidden = true;
      inputs(fieldset).forEach(function (input) {
        document.getElementById(input.id + '-feedback').hidden = true;
        input.removeAttribute('aria-describedby');
      });
    });
  }

  function save() {
    if (lms) { lms.save(state.page, answers(), state.checked, state.attempts); }
  }

  function onCheck(event) {
    event.preventDefault();
    var graded = grade();
    var missing = graded.results.filter(function (r) { return r.chosen.length === 0; });
    if (missing.length) {
      result.textContent = fill(TEXT.unanswered, { list: missing.map(function (r) { return r.number; }).join(', ') });
      inputs(missing[0].fieldset)[0].focus();
      return;
    }
    state.checked = true;
    state.attempts += 1;
    showFeedback(graded);
    save();
    if (lms) { lms.report(graded.score, graded.passed, graded.results, revealed(graded)); }
  }

  function onAnswer() {
    if (state.checked) {
      state.checked = false;
      clearFeedback();
      result.textContent = TEXT.changed;
    }
    save();
  }

  function onClick(event) {
    var link = event.target.closest ? event.target.closest('a[data-goto]') : null;
    if (!link || !single) { return; }
    event.preventDefault();
    show(link.getAttribute('data-goto'), true);
    save();
    if (lms) { lms.commit(); }
  }

  function closeToc() {
    var toc = document.querySelector('.toc');
    if (toc && toc.classList.contains('is-open')) {
      toc.classList.remove('is-open');
      toc.querySelector('.toc-toggle').setAttribute('aria-expanded', 'false');
    }
  }

  function setUpToc() {
    var toc = document.querySelector('.toc');
    var toggle = toc && toc.querySelector('.toc-toggle');
    if (!toggle) { return; }
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var open = toc.classList.toggle('is-open');
      toggle.setAttribute('aria-expanded', String(open));
    });
  }

  function announce(text) {
    var status = document.getElementById('qser-status');
    status.textContent = text;
    status.hidden = false;
  }

  function start() {
    setUpToc();
    document.addEventListener('click', onClick);
    if (form) {
      form.addEventListener('submit', onCheck);
      form.addEventListener('change', onAnswer);
    }
    if (STANDARD !== 'none') {
      lms = window.QSERLms.connect(STANDARD);
      if (!lms) { announce(TEXT.preview); }
    }
    var saved = lms ? lms.restore() : null;
    if (lms) { mastery = lms.mastery(mastery); }
    if (saved) {
      setAnswers(saved.answers);
      state.attempts = saved.attempts;
      if (saved.checked) { state.checked = true; showFeedback(grade()); }
    }
    if (single) { show(saved && saved.page ? saved.page : state.page, false); }
    save();
    window.addEventListener('pagehide', function () { save(); if (lms) { lms.finish(); } });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden' && lms) { save(); lms.commit(); }
    });
  }

  start();
}());
