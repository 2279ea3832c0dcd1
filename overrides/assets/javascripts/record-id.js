/* The identifier of a draft's text (記録番号): the first 8 hexadecimal digits of the SHA-256 of
   the text, shown as XXXX-XXXX.

   The approval sheet prints it on every page, and the draft check computes it for any pasted
   text: whoever holds the stamped sheet can check that what went out is the text that was
   approved. So it must come out the same for the same text in every browser and on every day:
   it is computed here, synchronously, not by crypto.subtle (which only exists on https pages and
   answers later). The text is normalised first, so that what a platform or a copy changes
   without changing the words does not change the number: Unicode NFC, line ends as \n, spaces
   at the ends of lines and blank lines at the start and end left out. Nothing else is changed:
   one character more or less is another text. tests/browser/test_approval_record.py checks the
   digests against Python's hashlib. */
(function () {
  "use strict";
  if (!window.TextEncoder || !window.Uint32Array) { return; }

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }

  // SHA-256 (FIPS 180-4) of a byte array; returns the digest as 64 lowercase hex digits.
  function sha256(bytes) {
    var length = bytes.length;
    var blocks = Math.ceil((length + 9) / 64);
    var words = new Uint32Array(blocks * 16);
    for (var i = 0; i < length; i += 1) { words[i >> 2] |= bytes[i] << (24 - (i % 4) * 8); }
    words[length >> 2] |= 0x80 << (24 - (length % 4) * 8);
    words[blocks * 16 - 1] = length * 8;            // the length in bits, low word
    words[blocks * 16 - 2] = Math.floor(length / 0x20000000);  // and its high word
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Uint32Array(64);
    for (var block = 0; block < blocks; block += 1) {
      for (var t = 0; t < 64; t += 1) {
        if (t < 16) { w[t] = words[block * 16 + t]; } else {
          var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
          var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
          w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
        }
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (var r = 0; r < 64; r += 1) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[r] + w[r]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [(h[0] + a) | 0, (h[1] + b) | 0, (h[2] + c) | 0, (h[3] + d) | 0,
           (h[4] + e) | 0, (h[5] + f) | 0, (h[6] + g) | 0, (h[7] + k) | 0];
    }
    return h.map(function (word) { return ("00000000" + (word >>> 0).toString(16)).slice(-8); }).join("");
  }

  // Spaces at the end of a line, cut by a loop: a pattern such as /\s+$/ tries every run of
  // spaces again from each of its characters (quadratic on a long run that does not end the line).
  function trimEnd(line) {
    var end = line.length;
    while (end > 0 && " \t\u3000".indexOf(line.charAt(end - 1)) !== -1) { end -= 1; }
    return line.slice(0, end);
  }

  function normalise(text) {
    var lines = String(text).normalize("NFC").replace(/\r\n?/g, "\n").split("\n").map(trimEnd);
    while (lines.length && lines[0] === "") { lines.shift(); }
    while (lines.length && lines[lines.length - 1] === "") { lines.pop(); }
    return lines.join("\n");
  }

  // "3F2A-9C1B"; an empty text has no identifier.
  function of(text) {
    var normal = normalise(text);
    if (!normal) { return ""; }
    var hex = sha256(new TextEncoder().encode(normal)).slice(0, 8).toUpperCase();
    return hex.slice(0, 4) + "-" + hex.slice(4);
  }

  // What a person types from the paper: case, spaces and the hyphen do not matter.
  function tidy(typed) {
    var hex = String(typed || "").toUpperCase().replace(/[^0-9A-F]/g, "");
    return hex.length === 8 ? hex.slice(0, 4) + "-" + hex.slice(4) : null;
  }

  window.wakesiteRecordId = { of: of, normalise: normalise, sha256: sha256, tidy: tidy };
})();
