// ITAS sheet: a "คัดลอก" button per item copies its URLs and the click path, ready to paste into ITAS.
(function () {
  "use strict";
  function copyText(text, button) {
    function done() { button.textContent = "คัดลอกแล้ว"; setTimeout(function () { button.textContent = "คัดลอก"; }, 1500); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else {
      fallback(text);
      done();
    }
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
  }
  Array.prototype.forEach.call(document.querySelectorAll("tr[data-paste]"), function (row) {
    var text = row.getAttribute("data-paste");
    if (!text) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "คัดลอก";
    button.addEventListener("click", function () { copyText(text, button); });
    row.querySelector("td.copy").appendChild(button);
  });
})();
