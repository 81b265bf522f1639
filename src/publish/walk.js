// signpost's walk for a published tree: one question at a time, the answers kept in the
// address (#answers=2.1.3), so a step can be shared and the browser's Back works. The tree is
// read from the JSON in #machine; every word shown is already in the page's markup, and
// nothing is fetched. Answers set facts and routes are passed through exactly as in the
// terminal (src/tree/paths.rs): a route takes its first rule whose condition holds.
(function () {
  "use strict";
  document.documentElement.className += " js";

  var machine = null;
  var tokens = [];
  var pending = [];
  var version = "";
  var linkVersion = null;
  var started = false;

  function holds(number, facts) {
    if (number === null) return true;
    return machine.conditions[number].every(function (test) {
      var state = facts[test[0]];
      if (test[1] === "unset") return state === null;
      if (state === null) return false;
      if (test[1] === "one") return typeof state === "number" && test[2].indexOf(state) >= 0;
      if (typeof state !== "object") return false;
      var has = state[test[2]] === true;
      return test[1] === "has" ? has : test[1] === "lacks" ? !has : false;
    });
  }

  function settle(node, facts) {
    for (var guard = 0; machine.nodes[node][0] === "r" && guard < machine.nodes.length; guard++) {
      var rules = machine.nodes[node][1];
      var next = null;
      for (var i = 0; i < rules.length && next === null; i++) {
        if (holds(rules[i][0], facts)) next = rules[i][1];
      }
      if (next === null) break;
      node = next;
    }
    return node;
  }

  // "2+3" → items 1 and 2 picked; "0" → none of them. null when it is not such a list.
  function items(token, count) {
    var picked = [];
    if (token === "0") return picked;
    var parts = token.split("+");
    for (var i = 0; i < parts.length; i++) {
      if (!/^[1-9][0-9]*$/.test(parts[i])) return null;
      var item = parseInt(parts[i], 10) - 1;
      if (item >= count || picked[item]) return null;
      picked[item] = true;
    }
    return picked;
  }

  // Applies the answers in order; stops at the first that does not fit (bad: true).
  function walk(given) {
    var facts = machine.facts.map(function () { return null; });
    var node = settle(machine.start, facts);
    var steps = [];
    for (var k = 0; k < given.length; k++) {
      var n = machine.nodes[node];
      var token = given[k];
      var asked = node;
      if (n[0] === "q") {
        var option = /^[1-9][0-9]*$/.test(token) ? parseInt(token, 10) - 1 : -1;
        if (option < 0 || option >= n[2].length) return { node: node, facts: facts, steps: steps, bad: true };
        if (n[1] !== null) facts[n[1]] = n[2][option][0];
        node = n[2][option][1];
      } else if (n[0] === "c") {
        var picked = items(token, n[2]);
        if (picked === null) return { node: node, facts: facts, steps: steps, bad: true };
        facts[n[1]] = picked;
        node = n[3];
      } else {
        return { node: node, facts: facts, steps: steps, bad: true };
      }
      steps.push({ node: asked, token: token });
      node = settle(node, facts);
    }
    return { node: node, facts: facts, steps: steps, bad: false };
  }

  function section(node) {
    return document.querySelector('section[data-node="' + node + '"]');
  }

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function answerLabel(step) {
    var node = step.node;
    var form = section(node).querySelector("form");
    if (form.getAttribute("data-kind") === "question") {
      return text(form.querySelector('label[for="a' + node + "-" + (parseInt(step.token, 10) - 1) + '"]'));
    }
    var labels = form.querySelectorAll("label");
    if (step.token === "0") return text(labels[labels.length - 1]);
    return step.token.split("+").map(function (item) {
      return text(labels[parseInt(item, 10) - 1]);
    }).join(", ");
  }

  // The address of a step: the answers, and the tree's version, so that a link kept from an
  // older version says so.
  function address(list) {
    return "#answers=" + list.join(".") + "&v=" + encodeURIComponent(version);
  }

  function show(state) {
    var nodes = document.querySelectorAll("section.node");
    for (var i = 0; i < nodes.length; i++) nodes[i].classList.remove("current");
    var current = section(state.node);
    current.classList.add("current");
    var conditional = current.querySelectorAll("[data-when]");
    for (var j = 0; j < conditional.length; j++) {
      var number = parseInt(conditional[j].getAttribute("data-when"), 10);
      if (holds(number, state.facts)) conditional[j].removeAttribute("data-hidden");
      else conditional[j].setAttribute("data-hidden", "");
    }
    var lists = current.querySelectorAll(".conditional-list");
    for (var l = 0; l < lists.length; l++) {
      lists[l].hidden = lists[l].querySelector("li:not([data-hidden]), figure:not([data-hidden])") === null;
    }
    return current;
  }

  function prepareForm(current, state) {
    var form = current.querySelector("form");
    if (!form) return;
    clearError(form);
    var boxes = form.querySelectorAll("input");
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = false;
    var k = state.steps.length;
    var keep = pending.length > k && pending.slice(0, k).join(".") === tokens.join(".");
    if (!keep) return;
    var token = pending[k];
    var chosen = form.getAttribute("data-kind") === "question" ? [token] : token === "0" ? [String(boxes.length)] : token.split("+");
    chosen.forEach(function (n) {
      var box = boxes[parseInt(n, 10) - 1];
      if (box) box.checked = true;
    });
  }

  function summarise(state) {
    var summary = document.getElementById("your-answers");
    var list = document.getElementById("answer-list");
    list.textContent = "";
    state.steps.forEach(function (step, k) {
      var row = document.createElement("div");
      var question = document.createElement("dt");
      question.textContent = text(section(step.node).querySelector("legend"));
      var answer = document.createElement("dd");
      answer.textContent = answerLabel(step);
      var change = document.createElement("dd");
      change.className = "change";
      var link = document.createElement("a");
      link.href = address(tokens.slice(0, k));
      link.setAttribute("data-change", "");
      link.textContent = "Change";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " your answer to: " + question.textContent;
      link.appendChild(hidden);
      change.appendChild(link);
      row.appendChild(question);
      row.appendChild(answer);
      row.appendChild(change);
      list.appendChild(row);
    });
    summary.hidden = state.steps.length === 0;
  }

  function render(moveFocus) {
    var state = walk(tokens);
    var notice = document.getElementById("notice");
    notice.hidden = !state.bad;
    if (state.bad) {
      tokens = tokens.slice(0, state.steps.length);
      history.replaceState(null, "", address(tokens));
    }
    var versionNotice = document.getElementById("version-notice");
    versionNotice.hidden = linkVersion === null || linkVersion === version;
    document.getElementById("link-version").textContent = "version " + (linkVersion || "");
    var current = show(state);
    prepareForm(current, state);
    summarise(state);
    document.querySelector(".lead").hidden = tokens.length > 0;
    var back = document.getElementById("back");
    back.hidden = tokens.length === 0;
    back.href = address(tokens.slice(0, -1));
    document.getElementById("error-summary").hidden = true;
    var heading = current.querySelector(".question-heading, .outcome-heading");
    document.title = text(heading) + " – " + document.body.getAttribute("data-title");
    if (moveFocus && heading) heading.focus();
  }

  // The answers in the address; null when it holds no answers (a link within the page). An
  // address that cannot be read gives a token that fits nothing, so the notice says so.
  function fromAddress() {
    var hash;
    try {
      hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    } catch (malformed) {
      return ["?"];
    }
    if (hash.indexOf("answers=") !== 0) return null;
    var parts = hash.slice("answers=".length).split("&v=");
    linkVersion = parts.length > 1 ? parts.slice(1).join("&v=") : null;
    return parts[0] === "" ? [] : parts[0].split(".");
  }

  // What the form of a step starts with: the answers given before Back, Change or a reload,
  // as long as the walk has not since gone another way; nothing after Start again.
  function remember(previous, next) {
    var prefix = function (short, long) {
      return short.length <= long.length && long.slice(0, short.length).join(".") === short.join(".");
    };
    if (prefix(next, pending)) return;
    pending = prefix(next, previous) ? previous : next;
  }

  function showError(form) {
    var node = form.closest("section").getAttribute("data-node");
    form.querySelector(".form-group").classList.add("error");
    var message = form.querySelector(".error-message");
    message.hidden = false;
    var fieldset = form.querySelector("fieldset");
    var described = (fieldset.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(message.id) < 0) described.push(message.id);
    fieldset.setAttribute("aria-describedby", described.join(" "));
    var summary = document.getElementById("error-summary");
    var link = summary.querySelector("a");
    link.textContent = text(message).replace(/^Error: /, "");
    link.setAttribute("href", "#a" + node + "-0");
    summary.hidden = false;
    document.title = "Error: " + document.title.replace(/^Error: /, "");
    summary.focus();
  }

  function clearError(form) {
    form.querySelector(".form-group").classList.remove("error");
    var message = form.querySelector(".error-message");
    message.hidden = true;
    var fieldset = form.querySelector("fieldset");
    var described = (fieldset.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== message.id;
    });
    if (described.length) fieldset.setAttribute("aria-describedby", described.join(" "));
    else fieldset.removeAttribute("aria-describedby");
  }

  function submitted(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.step")) return;
    event.preventDefault();
    var boxes = form.querySelectorAll("input");
    var token;
    if (form.getAttribute("data-kind") === "question") {
      var chosen = form.querySelector("input:checked");
      if (!chosen) return showError(form);
      token = String(parseInt(chosen.value, 10) + 1);
    } else {
      var none = boxes[boxes.length - 1].checked;
      var picked = [];
      for (var i = 0; i < boxes.length - 1; i++) if (boxes[i].checked) picked.push(i + 1);
      if (!none && picked.length === 0) return showError(form);
      token = none ? "0" : picked.join("+");
    }
    location.hash = address(tokens.concat([token])).slice(1);
  }

  // "None of these" and the items of a checklist exclude each other.
  function changed(event) {
    var box = event.target;
    if (box.type !== "checkbox" || !box.checked) return;
    var boxes = box.form.querySelectorAll("input");
    var none = boxes[boxes.length - 1];
    for (var i = 0; i < boxes.length; i++) {
      if (box === none ? boxes[i] !== none : boxes[i] === none) boxes[i].checked = false;
    }
  }

  function clicked(event) {
    var target = event.target.closest ? event.target.closest("a, button") : null;
    if (!target) return;
    if (target.classList.contains("skip-link")) {
      event.preventDefault();
      document.getElementById("main").focus();
    } else if (target.closest("#error-summary")) {
      event.preventDefault();
      var input = document.getElementById(target.getAttribute("href").slice(1));
      if (input) input.focus();
    } else if (target.hasAttribute("data-restart")) {
      pending = [];
    } else if (target.classList.contains("print-button")) {
      window.print();
    }
  }

  // The printed record says when and where it was decided, however printing was started.
  function stamp() {
    document.getElementById("printed").textContent = "Decided on " + new Date().toLocaleString("en-GB") +
      " at " + location.href.split("#")[0] + address(tokens);
  }

  function start() {
    if (started) return;
    started = true;
    machine = JSON.parse(document.getElementById("machine").textContent);
    version = document.body.getAttribute("data-version") || "";
    tokens = fromAddress() || [];
    pending = tokens.slice();
    document.addEventListener("submit", submitted);
    document.addEventListener("change", changed);
    document.addEventListener("click", clicked);
    window.addEventListener("beforeprint", stamp);
    window.addEventListener("hashchange", function () {
      var given = fromAddress();
      if (given === null) return;
      remember(tokens, given);
      tokens = given;
      render(true);
    });
    render(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
