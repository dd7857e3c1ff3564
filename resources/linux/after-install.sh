#!/bin/bash
# deb post-install (electron-builder.yml deb.afterInstall). A custom script replaces
# electron-builder's, so it does what that one does (the command on the PATH, the sandbox helper,
# desktop and MIME databases, the AppArmor profile on Ubuntu 24+), then creates the folder IT puts
# the machine policy in (/etc/zapdesk/policy.json, README "Settings and IT policy") with the
# example beside it. An existing policy is never touched.
app='/opt/${sanitizedProductName}'
bin='/usr/bin/${executable}'

if type update-alternatives >/dev/null 2>&1; then
  # An old plain link is replaced by the alternatives one.
  if [ -L "$bin" ] && [ -e "$bin" ] && [ "$(readlink "$bin")" != '/etc/alternatives/${executable}' ]; then rm -f "$bin"; fi
  update-alternatives --install "$bin" '${executable}' "$app/${executable}" 100 || ln -sf "$app/${executable}" "$bin"
else
  ln -sf "$app/${executable}" "$bin"
fi

# Chromium's setuid sandbox helper only where the kernel lacks working user namespaces.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$app/chrome-sandbox" || true
else
  chmod 4755 "$app/chrome-sandbox" || true
fi

if hash update-mime-database 2>/dev/null; then update-mime-database /usr/share/mime || true; fi
if hash update-desktop-database 2>/dev/null; then update-desktop-database /usr/share/applications || true; fi

# Ubuntu 24+ restricts user namespaces unless the app has an AppArmor profile; older AppArmor that
# cannot read the profile is skipped (the app runs without it there).
profile="$app/resources/apparmor-profile"
if [ -f "$profile" ] && apparmor_status --enabled >/dev/null 2>&1 && apparmor_parser --skip-kernel-load --debug "$profile" >/dev/null 2>&1; then
  cp -f "$profile" '/etc/apparmor.d/${executable}'
  if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
    apparmor_parser --replace --write-cache --skip-read-cache '/etc/apparmor.d/${executable}' || true
  fi
fi

mkdir -p /etc/zapdesk
chmod 755 /etc/zapdesk
cp -f "$app/resources/policy/linux/policy.json" /etc/zapdesk/policy.json.example
chmod 644 /etc/zapdesk/policy.json.example
exit 0
