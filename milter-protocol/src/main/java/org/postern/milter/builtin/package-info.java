/**
 * Filters that come with Postern and their config: {@code add-header} and {@code log}, offered to
 * the {@link org.postern.milter.filter.MilterFilterRegistry} like any other module's filters.
 */
package org.postern.milter.builtin;
