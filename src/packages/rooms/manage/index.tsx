import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { toast } from '../../../utils/nav';
import '../rooms.scss';

type Room = Result<'room', 'listRooms'>[number];
const HALF_HOUR = /^([01]\d|2[0-3]):(00|30)$/;

/**
 * Admins choose which venues take bookings and set each room's capacity, equipment and hours.
 * A room is a venue: the QR code on its door is the one people scan to check in.
 */
export default function Manage() {
  const venues = useRemote(() => call('checkin', 'listVenues', {}));
  const rooms = useRemote(() => call('room', 'listRooms', {}));
  const vw = useShown(venues.data, 15);
  const byId = new Map((rooms.data ?? []).map((r) => [r.id, r]));

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={(venues.loading && !venues.data) || (rooms.loading && !rooms.data)} error={venues.error ?? rooms.error} empty={venues.data?.length === 0} emptyTitle="暂无场所" onRetry={() => { void venues.reload(); void rooms.reload(); }} rows={6}>
          {vw.shown.map((v) => (
            <RoomForm key={v.id} venueId={v.id} name={v.name} room={byId.get(v.id)} onSaved={() => void rooms.reload()} />
          ))}
          <ShowMore w={vw} />
        </StateView>
      </View>
    </PageShell>
  );
}

function RoomForm({ venueId, name, room, onSaved }: { venueId: string; name: string; room?: Room; onSaved: () => void }) {
  const [bookable, setBookable] = useState(room ? 1 : 0);
  const [capacity, setCapacity] = useState(String(room?.capacity || 20));
  const [equipment, setEquipment] = useState((room?.equipment ?? []).join('、'));
  const [opensAt, setOpensAt] = useState(room?.opensAt ?? '08:30');
  const [closesAt, setClosesAt] = useState(room?.closesAt ?? '21:00');
  const [error, setError] = useState('');
  const save = useSubmit(async () => {
    setError('');
    const cap = Number(capacity);
    if (!Number.isInteger(cap) || cap < 1) return setError('请填写容纳人数');
    if (!HALF_HOUR.test(opensAt) || !HALF_HOUR.test(closesAt)) return setError('开放时间请按半小时填写，如 08:30');
    try {
      await call('room', 'upsertRoom', {
        venueId, bookable: bookable === 1, capacity: cap, opensAt, closesAt,
        equipment: equipment.split(/[,，、]+/).map((s) => s.trim()).filter(Boolean).slice(0, 12),
      });
      toast('已保存');
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-name">{name}</Text>
      <PickChips items={[{ value: 1, label: '开放预约' }, { value: 0, label: '不开放' }]} selected={bookable} onPick={setBookable} />
      <TextBox label="容纳人数" type="number" value={capacity} onChange={setCapacity} maxLength={4} />
      <TextBox label="设备（用顿号分隔）" value={equipment} onChange={setEquipment} maxLength={120} />
      <View className="rp-between">
        <View className="rp-grow">
          <TextBox label="开放时间" value={opensAt} onChange={setOpensAt} maxLength={5} />
        </View>
        <View className="rp-grow">
          <TextBox label="关闭时间" value={closesAt} onChange={setClosesAt} maxLength={5} />
        </View>
      </View>
      {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
      <View className="rp-actions">
        <Button size="large" block type="primary" fill="outline" loading={save.loading} onClick={() => void save.run()}>
          保存
        </Button>
      </View>
    </View>
  );
}
