package com.mobilemarketing.core.security;

import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in user of the current request or UI. */
@Component
public class CurrentUser {

    public Optional<AppUser> find() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AppUserDetails details) {
            return Optional.of(details.user());
        }
        return Optional.empty();
    }

    public AppUser get() {
        return find().orElseThrow(() -> new IllegalStateException("No signed-in user"));
    }
}
