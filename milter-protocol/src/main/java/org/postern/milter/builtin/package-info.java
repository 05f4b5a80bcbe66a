/**
 * Filters that come with Postern and their config: {@code add-header} and {@code log}, chained from
 * the {@code handlers} list of the {@code milter} config section.
 */
package org.postern.milter.builtin;
