"""Administration screens: users, roles (groups), departments, the calendar; the trail read-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, CalendarDay, Department, OutboxEmail, Signature, User

admin.site.site_header = _("CSC administration")
admin.site.site_title = _("CSC administration")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Company"), {"fields": ("department", "phone", "language")}),
    )
    list_display = ("username", "last_name", "first_name", "department", "email", "is_active")
    # The e-mail is stored encrypted (SEC-2): it cannot be searched.
    search_fields = ("username", "first_name", "last_name")
    list_filter = ("department", "groups", "is_active", "is_staff")

    def has_delete_permission(self, request, obj=None):
        return False  # users sign records: deactivate them instead


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "head")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "date"


class ReadOnlyAdmin(admin.ModelAdmin):
    """The trail and signatures are append-only: nobody edits or deletes them, here included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_name", "action", "content_type", "object_repr", "request_id")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor_name", "request_id")


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ("at", "user_name", "role", "meaning", "content_type", "object_id")


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "to", "subject", "status", "attempts", "sent_at")
    list_filter = ("status",)
