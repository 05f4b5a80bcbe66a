package org.postern.sieve.mime;

import java.util.regex.Pattern;

/** Turns HTML/XHTML markup into the text a reader sees, for body :text and extracttext. */
public final class MimeText {

  private static final Pattern HIDDEN =
      Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private MimeText() {}

  /** The visible text of a part: markup stripped for HTML, else the text itself. */
  public static String visible(MimePart part) {
    String text = part.text();
    return part.contentType().isMarkup() ? stripMarkup(text) : text;
  }

  /** Drops tags, comments, scripts and styles; decodes the common entities. */
  public static String stripMarkup(String html) {
    String text = HIDDEN.matcher(html).replaceAll(" ");
    text = TAG.matcher(text).replaceAll("");
    return text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
