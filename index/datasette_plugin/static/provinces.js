// Province picker: typing in the filter box narrows the multi-select to matching names
// (accents and case ignored); selected provinces always stay visible. Without JavaScript the
// plain multi-select still works.
(function () {
  "use strict";
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
  };
  var init = function () {
    var box = document.getElementById("newsintel-province-filter");
    var select = document.getElementById("newsintel-province-select");
    if (!box || !select) {
      return;
    }
    box.hidden = false;
    box.addEventListener("input", function () {
      var wanted = fold(box.value.trim());
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = !option.selected && wanted !== "" && fold(option.text).indexOf(wanted) === -1;
      });
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
