/**
 * postscreen's defences in Java: {@link org.postern.screen.ScreenSettings} and {@link
 * org.postern.screen.ScreenService} assemble weighted DNSBL/DNSWL scoring, the access list and the
 * pass cache into a Postfix policy service.
 */
package org.postern.screen;
