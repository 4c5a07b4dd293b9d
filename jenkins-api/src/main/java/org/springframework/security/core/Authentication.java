// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

public interface Authentication extends Principal, Serializable {
}
