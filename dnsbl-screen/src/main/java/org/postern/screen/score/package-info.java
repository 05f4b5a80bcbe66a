/** postscreen's score maths: weights, thresholds and the verdict on a client. */
package org.postern.screen.score;
