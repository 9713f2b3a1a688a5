-- A replica names itself host/uuid when it claims or completes a batch; Kubernetes pod names alone can take 63
-- characters, which overflowed varchar(64). Widening a varchar is a catalogue change (no table rewrite).
alter table batch alter column lease_owner type varchar(255);
alter table batch alter column completed_by type varchar(255);
