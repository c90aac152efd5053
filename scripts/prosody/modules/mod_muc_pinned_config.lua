-- Keeps the room options that protect a customer's conversation out of the room owner's hands.
--
-- A customer creates its own room and so owns it; with Prosody's defaults an owner may turn a
-- members-only room into an open or public one, or make it temporary. Load this module on the
-- MUC component: the options listed in `muc_pinned_config_fields` keep the component's defaults
-- (muc_room_default_*) unless a component admin (staff) changes them. Other fields (room name,
-- subject…) stay the owner's.

local um_is_admin = require "core.usermanager".is_admin;

local pinned = module:get_option_set("muc_pinned_config_fields", {
	"muc#roomconfig_membersonly";
	"muc#roomconfig_persistentroom";
	"muc#roomconfig_publicroom";
	"muc#roomconfig_allowinvites";
	"{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites";
	"muc#roomconfig_roomsecret";
	"muc#roomconfig_passwordprotectedroom";
});

for field in pinned do
	-- Runs before the MUC library's own handler (priority 0); returning true stops the event.
	module:hook("muc-config-submitted/" .. field, function(event)
		if um_is_admin(event.actor, module.host) then return; end
		module:log("debug", "%s may not change %s of %s", event.actor, field, event.room.jid);
		return true;
	end, 100);
end
