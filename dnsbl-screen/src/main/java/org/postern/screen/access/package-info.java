/** The cidr_table(5) access list checked before the tests: permit, reject or dunno by network. */
package org.postern.screen.access;
