-- event-service: first migration; tables arrive with the service's resources.
select 1;
