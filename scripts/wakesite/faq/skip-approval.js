/* "May I skip approval?" on the staff start page (/staff/): a progressive enhancement.
 *
 * Without JavaScript the page lists each case of 5(4) with the 決裁区分 to mark if it applies,
 * and what to mark if none does. With it, each question gets はい/いいえ and the box under the
 * questions says the one 決裁区分 to mark: the first case answered yes, or (all answered no)
 * 決裁済み. A case with a caution (Q7: replies) shows its caution beside the result. */
(function () {
  "use strict";
  function start() {
    var form = document.querySelector("[data-wk-skip]");
    if (!form) return;
    var strings = JSON.parse(form.getAttribute("data-wk-strings"));
    var questions = Array.prototype.slice.call(form.querySelectorAll("[data-wk-route]"));
    var result = form.querySelector("[data-wk-skip-result]");
    var none = form.querySelector(".wk-skip__none strong");
    Array.prototype.forEach.call(form.querySelectorAll("[data-wk-js-only]"), function (element) {
      element.hidden = false;
    });
    function answer(question) {
      var checked = question.querySelector("input:checked");
      return checked ? checked.value : null;
    }
    function update() {
      var yes = null, unanswered = 0;
      questions.forEach(function (question) {
        var value = answer(question);
        if (value === "yes" && yes === null) yes = question;
        if (value === null) unanswered += 1;
      });
      result.textContent = "";
      var line = document.createElement("p");
      if (yes !== null) {
        line.textContent = strings.result_route.replace("{route}", yes.getAttribute("data-wk-route-label"));
        result.appendChild(line);
        var caution = yes.querySelector(".wk-skip__caution");
        if (caution) result.appendChild(caution.cloneNode(true));
      } else if (unanswered === 0) {
        line.textContent = strings.result_none.replace("{route}", none.textContent);
        result.appendChild(line);
      } else {
        line.textContent = strings.result_open;
        result.appendChild(line);
      }
    }
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
