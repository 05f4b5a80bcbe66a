/**
 * Pluggable milter filters: {@link org.postern.milter.filter.MilterFilterFactory} per filter type,
 * found by {@link org.postern.milter.filter.MilterFilterRegistry}, typed settings records bound
 * from the {@code handlers} list of the {@code milter} config section, and {@link
 * org.postern.milter.filter.FilterChain} building a handler chain per connection.
 */
package org.postern.milter.filter;
