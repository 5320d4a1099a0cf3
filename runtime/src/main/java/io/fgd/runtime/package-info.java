/** plan and apply against live ECS. */
package io.fgd.runtime;
