/* Anshin: "open now" on the who-to-call page (hooks/contacts.py writes the page).
 *
 * Each line with published hours carries them as data-hours: {always, holidays, rules:
 * [[days (0 = Monday), start, end (minutes after midnight)], ...]}. The page's JSON
 * (#anshin-contacts-data) gives the school's time zone, the national holidays (ISO
 * dates, from jpholiday at build time) and the words. The time is the school's, not the
 * reader's: a family abroad sees whether the line answers now in Japan. Without this
 * script the hours are still written out; the status is only added, never required.
 */
(function () {
  "use strict";

  var WEEKDAYS = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

  function schoolTime(zone, date) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short"
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return {
      iso: parts.year + "-" + parts.month + "-" + parts.day,
      weekday: WEEKDAYS[parts.weekday],
      minute: parseInt(parts.hour, 10) % 24 * 60 + parseInt(parts.minute, 10)
    };
  }

  // "open", "closed" or "holiday" (closed because today is a national holiday)
  function status(hours, now, holidays) {
    if (hours.always) return "open";
    if (holidays.indexOf(now.iso) >= 0 && !hours.holidays) return "holiday";
    for (var i = 0; i < hours.rules.length; i++) {
      var rule = hours.rules[i];
      if (rule[0].indexOf(now.weekday) >= 0 && rule[1] <= now.minute && now.minute < rule[2]) return "open";
    }
    return "closed";
  }

  function update(data) {
    var now = schoolTime(data.zone, new Date());
    var lines = document.querySelectorAll(".anshin-contact[data-hours]");
    for (var i = 0; i < lines.length; i++) {
      var state = status(JSON.parse(lines[i].getAttribute("data-hours")), now, data.holidays);
      var mark = lines[i].querySelector("[data-status]");
      if (!mark) continue;
      mark.textContent = data.status[state];
      mark.setAttribute("data-state", state);
      mark.hidden = false;
    }
  }

  var source = document.getElementById("anshin-contacts-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  update(data);
  // The page may stay open for hours on a phone: keep the status true to the clock.
  setInterval(function () { update(data); }, 60000);
})();
