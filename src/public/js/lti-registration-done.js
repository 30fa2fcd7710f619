// Dynamic registration is complete: tell the LMS it may close its registration window or dialog
// (LTI Dynamic Registration 1.0, "org.imsglobal.lti.close").
(function () {
  'use strict';
  var button = document.querySelector('[data-lti-registration-done]');
  if (!button) return;
  button.addEventListener('click', function () {
    var lms = window.opener || (window.parent !== window ? window.parent : null);
    if (lms) lms.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
    else window.close();
  });
}());
