package org.postern.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postern.sieve.action.DiscardAction;
import org.postern.sieve.action.NotifyAction;
import org.postern.sieve.action.RedirectAction;
import org.postern.sieve.action.RejectAction;
import org.postern.sieve.action.SieveAction;
import org.postern.sieve.action.SieveResult;
import org.postern.sieve.action.StoreAction;
import org.postern.sieve.action.VacationAction;
import org.postern.sieve.message.Header;
import org.postern.sieve.message.SieveMessage;

/**
 * Renders the actions of a Sieve run for {@code postern sieve test}: as JSON-ready maps in the
 * documented shapes, or as text laid out like Pigeonhole's {@code sieve-test}.
 */
final class SieveActionFormat {

  private SieveActionFormat() {}

  /**
   * One map per action of {@code result}, in order; each header edit (editheader) appears as an
   * {@code editheader} entry before the first action that delivers the edited message, listing the
   * fields added and deleted relative to {@code original}.
   */
  static List<Map<String, Object>> json(SieveResult result, SieveMessage original) {
    List<Map<String, Object>> entries = new ArrayList<>();
    SieveMessage shown = original;
    for (int i = 0; i < result.actions().size(); i++) {
      SieveMessage edited = result.messageFor(i, original);
      if (edited != shown) {
        entries.add(editheader(original, edited));
        shown = edited;
      }
      entries.add(json(result.actions().get(i)));
    }
    return entries;
  }

  private static Map<String, Object> editheader(SieveMessage original, SieveMessage edited) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("action", "editheader");
    map.put("added", fieldMaps(missingFrom(edited.headers(), original.headers())));
    map.put("deleted", fieldMaps(missingFrom(original.headers(), edited.headers())));
    return map;
  }

  /** The fields of {@code from} (as a multiset) that {@code other} lacks, in order. */
  private static List<Header> missingFrom(List<Header> from, List<Header> other) {
    List<Header> remaining = new ArrayList<>(other);
    List<Header> missing = new ArrayList<>();
    for (Header header : from) {
      if (!remaining.remove(header)) {
        missing.add(header);
      }
    }
    return missing;
  }

  private static List<Map<String, String>> fieldMaps(List<Header> headers) {
    List<Map<String, String>> maps = new ArrayList<>();
    for (Header header : headers) {
      Map<String, String> map = new LinkedHashMap<>();
      map.put("name", header.name());
      map.put("value", header.value());
      maps.add(map);
    }
    return maps;
  }

  private static Map<String, Object> json(SieveAction action) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (action instanceof StoreAction store) {
      map.put("action", "store");
      map.put("mailbox", store.mailbox());
      map.put("flags", store.flags());
      map.put("implicit", store.implicit());
    } else if (action instanceof RedirectAction redirect) {
      map.put("action", "redirect");
      map.put("address", redirect.address());
    } else if (action instanceof RejectAction reject) {
      map.put("action", "reject");
      map.put("reason", reject.reason());
    } else if (action instanceof DiscardAction) {
      map.put("action", "discard");
    } else if (action instanceof VacationAction vacation) {
      map.put("action", "vacation");
      map.put("subject", vacation.subject());
      map.put("seconds", vacation.period().toSeconds());
      map.put("from", vacation.from());
    } else if (action instanceof NotifyAction notify) {
      map.put("action", "notify");
      map.put("method", notify.method());
      map.put("from", notify.from());
      map.put("importance", notify.importance());
      map.put("options", notify.options());
      map.put("message", notify.message());
    } else {
      // Actions added by later extensions (notify, editheader...): name and record fields.
      map.put("action", kind(action));
      map.putAll(fields(action));
    }
    return map;
  }

  /**
   * The result's actions as sieve-test prints them (performed actions, then the implicit keep),
   * each preceded by the header edits of the message it delivers when those differ from the
   * previous action's.
   */
  static String text(SieveResult result, SieveMessage original) {
    StringBuilder performed = new StringBuilder();
    StringBuilder implicit = new StringBuilder();
    SieveMessage shown = original;
    for (int i = 0; i < result.actions().size(); i++) {
      SieveAction action = result.actions().get(i);
      boolean isImplicit = action instanceof StoreAction store && store.implicit();
      StringBuilder out = isImplicit ? implicit : performed;
      SieveMessage edited = result.messageFor(i, original);
      if (edited != shown) {
        describeEdits(original, edited, out);
        shown = edited;
      }
      describe(action, out);
    }
    StringBuilder text = new StringBuilder();
    text.append("\nPerformed actions:\n\n");
    text.append(performed.length() == 0 ? "  (none)\n" : performed);
    text.append("\nImplicit keep:\n\n");
    text.append(implicit.length() == 0 ? "  (none)\n" : implicit);
    text.append('\n');
    return text.toString();
  }

  private static void describeEdits(SieveMessage original, SieveMessage edited, StringBuilder out) {
    out.append(" * edit header:\n");
    for (Header header : missingFrom(edited.headers(), original.headers())) {
      out.append("    + add ").append(header.name()).append(": ").append(header.value());
      out.append('\n');
    }
    for (Header header : missingFrom(original.headers(), edited.headers())) {
      out.append("    - delete ").append(header.name()).append(": ").append(header.value());
      out.append('\n');
    }
  }

  private static void describe(SieveAction action, StringBuilder out) {
    if (action instanceof StoreAction store) {
      out.append(" * store message in folder: ").append(store.mailbox()).append('\n');
      if (!store.flags().isEmpty()) {
        out.append("        + add IMAP flags: ")
            .append(String.join(" ", store.flags()))
            .append('\n');
      }
    } else if (action instanceof RedirectAction redirect) {
      out.append(" * redirect message to: <").append(redirect.address()).append(">\n");
    } else if (action instanceof RejectAction reject) {
      out.append(reject.extended() ? " * ereject" : " * reject")
          .append(" message with reason: ")
          .append(reject.reason())
          .append('\n');
    } else if (action instanceof DiscardAction) {
      out.append(" * discard\n");
    } else if (action instanceof VacationAction vacation) {
      out.append(" * send vacation message:\n");
      out.append("    => seconds : ").append(vacation.period().toSeconds()).append('\n');
      out.append("    => subject : ").append(vacation.subject()).append('\n');
      out.append("    => from    : ").append(vacation.from()).append('\n');
      out.append("    => to      : ").append(vacation.recipient()).append('\n');
      out.append("    => handle  : ").append(vacation.handle()).append('\n');
      out.append("\nSTART MESSAGE\n").append(vacation.reason()).append("\nEND MESSAGE\n");
    } else {
      out.append(" * ").append(kind(action));
      fields(action)
          .forEach(
              (name, value) -> out.append("\n    => ").append(name).append(" : ").append(value));
      out.append('\n');
    }
  }

  /** {@code FooBarAction} → {@code foobar}: the action's name in output. */
  private static String kind(SieveAction action) {
    String name = action.getClass().getSimpleName();
    if (name.endsWith("Action")) {
      name = name.substring(0, name.length() - "Action".length());
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static Map<String, Object> fields(SieveAction action) {
    Map<String, Object> fields = new LinkedHashMap<>();
    RecordComponent[] components = action.getClass().getRecordComponents();
    if (components == null) {
      return fields;
    }
    for (RecordComponent component : components) {
      try {
        Object value = component.getAccessor().invoke(action);
        fields.put(
            component.getName(), value instanceof java.time.Duration d ? d.toSeconds() : value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        fields.put(component.getName(), "?");
      }
    }
    return fields;
  }
}
