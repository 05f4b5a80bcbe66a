/** Plumbing shared by every Postern daemon. */
package org.postern.common;
