// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package com.cloudbees.jenkins.plugins.sshcredentials;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;

public interface SSHUser extends StandardUsernameCredentials {
}
