// The signature pad of the service receipt (服务回执单): the customer draws with a finger,
// a pen or the mouse on a <canvas data-signature-pad>; on submit the drawing goes into the
// form's hidden input (name given by data-target) as a PNG data URL. Nothing drawn, nothing
// sent: the server answers "sign in the box first".
(function () {
  "use strict";

  function setUp(canvas) {
    var form = canvas.closest("form");
    var input = form.querySelector('input[name="' + canvas.dataset.target + '"]');
    var context = canvas.getContext("2d");
    var drawing = false;
    var inked = false;

    function fitToBox() {
      // Draw at the device's pixel density so strokes stay sharp on phones and tablets.
      var ratio = window.devicePixelRatio || 1;
      var box = canvas.getBoundingClientRect();
      canvas.width = Math.round(box.width * ratio);
      canvas.height = Math.round(box.height * ratio);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.lineWidth = 2.5;
      context.lineCap = "round";
      context.lineJoin = "round";
      context.strokeStyle = "#10233f";
      inked = false;
    }

    function point(event) {
      var box = canvas.getBoundingClientRect();
      return { x: event.clientX - box.left, y: event.clientY - box.top };
    }

    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      drawing = true;
      var p = point(event);
      context.beginPath();
      context.moveTo(p.x, p.y);
      context.lineTo(p.x + 0.1, p.y + 0.1);
      context.stroke();
      inked = true;
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      event.preventDefault();
      var p = point(event);
      context.lineTo(p.x, p.y);
      context.stroke();
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });

    var clear = form.querySelector("[data-signature-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        context.clearRect(0, 0, canvas.width, canvas.height);
        input.value = "";
        inked = false;
      });
    }
    form.addEventListener("submit", function () {
      input.value = inked ? canvas.toDataURL("image/png") : "";
    });
    fitToBox();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-signature-pad]").forEach(setUp);
  });
})();
