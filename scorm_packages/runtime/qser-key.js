/*
 * Q-SER answer key: the page holds one salted SHA-256 per question and option feedback sealed
 * with the key (see scorm_packages/answerkey.py). This file grades a choice against the hash,
 * recovers the key when the feedback may be shown, and opens the sealed feedback.
 * Exposes window.QSERKey. Plain JavaScript, synchronous (works on plain-HTTP intranets too).
 */
(function () {
  'use strict';

  var K = [];
  (function () {
    var found = 0;
    for (var n = 2; found < 64; n += 1) {
      var prime = true;
      for (var d = 2; d * d <= n; d += 1) { if (n % d === 0) { prime = false; break; } }
      if (prime) { K.push(Math.floor((Math.pow(n, 1 / 3) % 1) * 4294967296) | 0); found += 1; }
    }
  }());
  var H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

  function utf8(text) { return new TextEncoder().encode(text); }
  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }

  /* Return the SHA-256 digest of `bytes` (Uint8Array) as a Uint8Array of 32 bytes. */
  function sha256(bytes) {
    var length = ((bytes.length + 9 + 63) >> 6) << 6;
    var data = new Uint8Array(length);
    data.set(bytes);
    data[bytes.length] = 0x80;
    var view = new DataView(data.buffer);
    view.setUint32(length - 4, bytes.length * 8);
    view.setUint32(length - 8, Math.floor(bytes.length / 536870912));
    var h = H0.slice(), w = new Array(64);
    for (var off = 0; off < length; off += 64) {
      for (var i = 0; i < 64; i += 1) {
        if (i < 16) { w[i] = view.getUint32(off + 4 * i); } else {
          var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
          var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
          w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
        }
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (var j = 0; j < 64; j += 1) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[j] + w[j]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k].map(function (x) { return x | 0; });
    }
    var out = new Uint8Array(32), outView = new DataView(out.buffer);
    h.forEach(function (x, n) { outView.setUint32(4 * n, x >>> 0); });
    return out;
  }

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  function secret(salt, qid, indexes) {
    return salt + ':' + qid + ':' + indexes.slice().sort(function (x, y) { return x - y; }).join(',');
  }

  /* True when `indexes` (the chosen option positions) are exactly the question's key. */
  function matches(salt, qid, indexes, hash) {
    return hex(sha256(utf8(secret(salt, qid, indexes)))) === hash;
  }

  /* Return the key of a question with `count` options by trying every non-empty subset. */
  function recover(salt, qid, count, hash) {
    for (var mask = 1; mask < (1 << count); mask += 1) {
      var indexes = [];
      for (var i = 0; i < count; i += 1) { if (mask & (1 << i)) { indexes.push(i); } }
      if (matches(salt, qid, indexes, hash)) { return indexes; }
    }
    return null;
  }

  /* Return the feedback text sealed with the question's key. */
  function open(salt, qid, indexes, sealed) {
    var key = secret(salt, qid, indexes);
    var data = Uint8Array.from(atob(sealed), function (ch) { return ch.charCodeAt(0); });
    for (var i = 0; i < data.length; i += 1) {
      if (i % 32 === 0) { var block = sha256(utf8(key + ':' + (i / 32))); }
      data[i] ^= block[i % 32];
    }
    return new TextDecoder().decode(data);
  }

  window.QSERKey = { sha256hex: function (text) { return hex(sha256(utf8(text))); },
    matches: matches, recover: recover, open: open };
}());
