package org.postern.sieve.extensions;

import java.util.ArrayList;
import java.util.List;
import org.postern.sieve.validation.ArgumentKind;
import org.postern.sieve.validation.TagSpec;

/** The comparator, match-type and address-part tags shared by many tests. */
public final class CommonTags {

  private CommonTags() {}

  /**
   * :comparator, :is, :contains, :matches, plus :regex, :value, :count and :list from extensions.
   */
  public static List<TagSpec> match() {
    return List.of(
        new TagSpec("comparator", ArgumentKind.STRING, null, "comparator"),
        new TagSpec("is", null, null, "match type"),
        new TagSpec("contains", null, null, "match type"),
        new TagSpec("matches", null, null, "match type"),
        new TagSpec("regex", null, "regex", "match type"),
        new TagSpec("value", ArgumentKind.STRING, "relational", "match type"),
        new TagSpec("count", ArgumentKind.STRING, "relational", "match type"),
        new TagSpec("list", null, "extlists", "match type"));
  }

  /** :all, :localpart, :domain, plus :user and :detail from subaddress. */
  public static List<TagSpec> addressParts() {
    return List.of(
        new TagSpec("all", null, null, "address part"),
        new TagSpec("localpart", null, null, "address part"),
        new TagSpec("domain", null, null, "address part"),
        new TagSpec("user", null, "subaddress", "address part"),
        new TagSpec("detail", null, "subaddress", "address part"));
  }

  /** Match tags and address-part tags together. */
  public static List<TagSpec> matchAndAddressParts() {
    List<TagSpec> all = new ArrayList<>(match());
    all.addAll(addressParts());
    return all;
  }
}
