// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package org.kohsuke.stapler;

import net.sf.json.JSONObject;

public interface StaplerRequest2 {
    void bindJSON(Object bean, JSONObject src);
}
