/* One language switch for a whole admin form.
 *
 * modeltranslation gives every translated field its own tab strip, so one field can show
 * Russian while the next shows Chinese, and an error in a language nobody is looking at stays
 * hidden. This hides the strips behind one row of language buttons placed above the form:
 * a button switches every field (inlines too) to its language, a language holding errors is
 * marked, and after a failed save the first language with errors is opened. The notices of
 * outdated translations (#translation-notices) move under the switch, and only the one of the
 * language on screen shows. Runs after modeltranslation has built its tabs (both on jQuery's
 * ready, this file loads later).
 * Without JavaScript nothing of this runs and every language shows, each labelled.
 */
"use strict";
(function () {
  var $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.tabs) {
    return;
  }

  function strips() {
    return $(".ui-tabs").filter(function () {
      return $(this).children(".ui-tabs-nav").length > 0;
    });
  }

  function languagesWithErrors($strips) {
    var marked = {};
    $strips.each(function () {
      var $strip = $(this);
      $strip.children(".ui-tabs-panel").each(function (index) {
        if ($(this).find(".errorlist, .errors").length) {
          marked[index] = true;
        }
      });
      $strip.find(".ui-tabs-nav li").each(function (index) {
        if ($(this).hasClass("ui-tab-has-errors")) {
          marked[index] = true;
        }
      });
    });
    return marked;
  }

  $(function () {
    var $strips = strips();
    if (!$strips.length) {
      return;
    }
    var $first = $strips.first();
    var $bar = $('<div class="language-switch" role="group"></div>');
    var $links = $first.find(".ui-tabs-nav a");
    var names = $links.map(function () { return $(this).attr("title") || $(this).text(); }).get();
    var codes = $links.map(function () { return $(this).text(); }).get();
    var $notices = $("#translation-notices .translation-outdated");
    $bar.attr("aria-label", names.join(" / "));
    var errors = languagesWithErrors($strips);
    var current = $first.tabs("option", "active") || 0;

    function show(index) {
      current = index;
      strips().each(function () {
        $(this).tabs("option", "active", index);
      });
      $bar.children("button").each(function (i) {
        $(this).attr("aria-pressed", i === index ? "true" : "false");
      });
      $("#modeltranslation-main-switch").val(String(index));
      $notices.each(function () {
        this.hidden = this.getAttribute("data-language") !== codes[index];
      });
    }

    $links.each(function (index) {
      var $button = $('<button type="button"></button>')
        .text($(this).text())
        .attr("title", $(this).attr("title") || "");
      if (errors[index]) {
        $button.addClass("has-errors");
      }
      $button.on("click", function () { show(index); });
      $bar.append($button);
    });

    var firstError = Object.keys(errors).map(Number).sort(function (a, b) { return a - b; })[0];
    $("body").addClass("language-switch-on");
    var $anchor = $("#content-main form .errornote").last();
    if ($anchor.length) {
      $anchor.after($bar);
    } else {
      $("#content-main form fieldset").first().before($bar);
    }
    $bar.after($("#translation-notices"));
    show(firstError === undefined ? current : firstError);
    // A row added to an inline gets its strips from modeltranslation on the same click.
    document.addEventListener("formset:added", function () {
      window.setTimeout(function () { show(current); }, 0);
    });
  });
})();
