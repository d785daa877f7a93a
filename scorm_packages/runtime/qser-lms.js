/*
 * Q-SER LMS adapter: finds the SCORM API of the LMS and speaks SCORM 1.2 or SCORM 2004 to it.
 * Plain JavaScript, no build step. Exposes window.QSERLms.connect(standard, mastery).
 * Without an LMS it returns null and the pages run in preview mode.
 */
(function () {
  'use strict';

  var SUSPEND_LIMIT = { '1.2': 4096, '2004': 64000 };
  var MODELS = {
    '1.2': {
      init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue',
      commit: 'LMSCommit', finish: 'LMSFinish',
      location: 'cmi.core.lesson_location', suspend: 'cmi.suspend_data',
      entry: 'cmi.core.entry', exit: 'cmi.core.exit', normalExit: '',
      sessionTime: 'cmi.core.session_time', score: 'cmi.core.score.',
      mastery: 'cmi.student_data.mastery_score'
    },
    '2004': {
      init: 'Initialize', get: 'GetValue', set: 'SetValue',
      commit: 'Commit', finish: 'Terminate',
      location: 'cmi.location', suspend: 'cmi.suspend_data',
      entry: 'cmi.entry', exit: 'cmi.exit', normalExit: 'normal',
      sessionTime: 'cmi.session_time', score: 'cmi.score.',
      mastery: 'cmi.scaled_passing_score'
    }
  };

  /* Look for `name` on `win` and its parents (at most 10 levels, cross-origin frames skipped). */
  function findIn(win, name) {
    for (var depth = 0; win && depth < 10; depth += 1) {
      try {
        if (win[name]) { return win[name]; }
        if (win.parent === win) { return null; }
        win = win.parent;
      } catch (ignore) {
        return null;
      }
    }
    return null;
  }

  /* Look in this window's parents first, then in the window that opened it. */
  function findApi(name) {
    var api = findIn(window, name);
    if (!api) {
      try { api = window.opener ? findIn(window.opener, name) : null; } catch (ignore) { api = null; }
    }
    return api;
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) { text = '0' + text; }
    return text;
  }

  /* Format milliseconds as SCORM 1.2 CMITimespan HHHH:MM:SS.SS. */
  function time12(ms) {
    var cs = Math.min(Math.round(ms / 10), 35999999999);
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = (cs % 6000) / 100;
    return pad(h, 4) + ':' + pad(m, 2) + ':' + (s < 10 ? '0' : '') + s.toFixed(2);
  }

  /* Format milliseconds as an ISO 8601 duration for SCORM 2004 (PT#H#M#S). */
  function time2004(ms) {
    var cs = Math.round(ms / 10);
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = (cs % 6000) / 100;
    return 'PT' + h + 'H' + m + 'M' + s.toFixed(2) + 'S';
  }

  function Lms(api, version) {
    this.api = api;
    this.version = version;
    this.m = MODELS[version];
    this.started = Date.now();
    this.active = false;
    this.finished = false;
  }

  Lms.prototype.call = function (fn) {
    try { return String(this.api[this.m[fn]]('')) === 'true'; } catch (ignore) { return false; }
  };
  Lms.prototype.get = function (element) {
    try {
      var value = this.api[this.m.get](element);
      return value === null || value === undefined ? '' : String(value);
    } catch (ignore) { return ''; }
  };
  Lms.prototype.set = function (element, value) {
    try { return String(this.api[this.m.set](element, String(value))) === 'true'; } catch (ignore) { return false; }
  };
  Lms.prototype.commit = function () { return this.active && !this.finished && this.call('commit'); };

  /* Initialise the session and mark the attempt as started. */
  Lms.prototype.begin = function () {
    this.active = this.call('init');
    if (!this.active) { return false; }
    if (this.version === '1.2') {
      var status = this.get('cmi.core.lesson_status');
      if (status === '' || status === 'not attempted') { this.set('cmi.core.lesson_status', 'incomplete'); }
      this.passed = status === 'passed';
    } else {
      if (this.get('cmi.completion_status') !== 'completed') { this.set('cmi.completion_status', 'incomplete'); }
      this.passed = this.get('cmi.success_status') === 'passed';
    }
    this.set(this.m.exit, this.passed ? this.m.normalExit : 'suspend');
    this.commit();
    return true;
  };

  /* Return the pass mark in percent: the LMS's if it sets one, else the package's. */
  Lms.prototype.mastery = function (fallback) {
    var value = parseFloat(this.get(this.m.mastery));
    if (isNaN(value)) { return fallback; }
    return this.version === '1.2' ? value : Math.round(value * 100);
  };

  /* Return the bookmark and saved quiz state, or null on a fresh start. */
  Lms.prototype.restore = function () {
    if (this.get(this.m.entry) === 'ab-initio') { return null; }
    var data = {};
    try { data = JSON.parse(this.get(this.m.suspend) || '{}') || {}; } catch (ignore) { data = {}; }
    return { page: this.get(this.m.location), answers: data.a || {}, checked: data.c === 1, attempts: Number(data.n) || 0 };
  };

  /* Store the bookmark and the quiz state, keeping suspend_data within the SCORM limit. */
  Lms.prototype.save = function (page, answers, checked, attempts) {
    if (!this.active || this.finished) { return; }
    var data = JSON.stringify({ v: 2, a: answers, c: checked ? 1 : 0, n: attempts });
    if (data.length > SUSPEND_LIMIT[this.version]) { data = JSON.stringify({ v: 2, a: {}, c: 0, n: attempts }); }
    this.set(this.m.location, page);
    this.set(this.m.suspend, data);
  };

  /* Record one interaction per question (1.2 appends a journal; 2004 updates by id);
     the correct pattern only once the key is revealed to the learner anyway. */
  Lms.prototype.interactions = function (results, revealed) {
    var count = parseInt(this.get('cmi.interactions._count'), 10) || 0;
    for (var i = 0; i < results.length; i += 1) {
      var r = results[i];
      var n = this.version === '1.2' ? count + i : this.interactionIndex(r.id, count);
      if (this.version !== '1.2' && n === count) { count += 1; }
      var base = 'cmi.interactions.' + n + '.';
      var sep = this.version === '1.2' ? ',' : '[,]';
      this.set(base + 'id', r.id);
      this.set(base + 'type', 'choice');
      if (revealed && r.correct) { this.set(base + 'correct_responses.0.pattern', r.correct.join(sep)); }
      this.set(base + (this.version === '1.2' ? 'student_response' : 'learner_response'), r.chosen.join(sep));
      this.set(base + 'result', r.right ? 'correct' : (this.version === '1.2' ? 'wrong' : 'incorrect'));
    }
  };
  Lms.prototype.interactionIndex = function (id, count) {
    for (var n = 0; n < count; n += 1) {
      if (this.get('cmi.interactions.' + n + '.id') === id) { return n; }
    }
    return count;
  };

  /* Report score (0-100), success and completion; commit straight away. */
  Lms.prototype.report = function (score, passed, results, revealed) {
    if (!this.active || this.finished) { return; }
    var p = this.m.score;
    this.set(p + 'min', 0);
    this.set(p + 'max', 100);
    this.set(p + 'raw', score);
    if (this.version === '1.2') {
      this.set('cmi.core.lesson_status', passed ? 'passed' : 'failed');
    } else {
      this.set('cmi.score.scaled', String(score / 100));
      this.set('cmi.success_status', passed ? 'passed' : 'failed');
      this.set('cmi.completion_status', 'completed');
    }
    this.interactions(results, revealed);
    this.passed = passed;
    this.set(this.m.exit, passed ? this.m.normalExit : 'suspend');
    this.commit();
  };

  /* Send the session time and end the session (LMSFinish / Terminate), once. */
  Lms.prototype.finish = function () {
    if (!this.active || this.finished) { return; }
    var elapsed = Date.now() - this.started;
    this.set(this.m.sessionTime, this.version === '1.2' ? time12(elapsed) : time2004(elapsed));
    this.set(this.m.exit, this.passed ? this.m.normalExit : 'suspend');
    this.call('commit');
    this.call('finish');
    this.finished = true;
  };

  /* Find and initialise the LMS API; prefer the package's own SCORM version. */
  function connect(standard) {
    var order = standard === 'scorm2004' ? ['API_1484_11', 'API'] : ['API', 'API_1484_11'];
    for (var i = 0; i < order.length; i += 1) {
      var api = findApi(order[i]);
      if (api) {
        var lms = new Lms(api, order[i] === 'API' ? '1.2' : '2004');
        return lms.begin() ? lms : null;
      }
    }
    return null;
  }

  window.QSERLms = { connect: connect, time12: time12, time2004: time2004 };
}());
