// Sends a signed LTI answer (a deep linking response) back to the LMS as soon as the page loads.
// Without JavaScript the form's button does the same.
(function () {
  'use strict';
  var form = document.querySelector('form[data-lti-autosubmit]');
  if (form) form.submit();
}());
